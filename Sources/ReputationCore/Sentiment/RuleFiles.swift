import Foundation

/// The only file reading in ReputationCore: finds the rules folder and reads rule files, once, at load.
///
/// `Bundle.module` is avoided on purpose: SwiftPM's accessor traps when the resource bundle is missing (an
/// installed binary), while a missing rules folder must be a clear, recoverable `RulesError`.
package struct RuleFiles: Sendable {
    /// The folder holding the bundled rule files.
    package var directory: URL
    /// A folder whose files (same names) add or override entries; missing files there are fine.
    package var overlay: URL?

    package init(directory: URL, overlay: URL? = nil) {
        self.directory = directory
        self.overlay = overlay
    }

    /// Locates the bundled rules: `$VIGIA_RULES`, then the SwiftPM resource bundle next to the executable,
    /// then the same names in each parent folder of the executable (covers `*.xctest` bundles on macOS).
    package static func locate(overlay: URL? = nil) throws(RulesError) -> RuleFiles {
        var searched: [String] = []
        if let env = ProcessInfo.processInfo.environment["VIGIA_RULES"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            if isRulesFolder(url) { return RuleFiles(directory: url, overlay: overlay) }
            searched.append(url.path + " (from VIGIA_RULES)")
        }
        var folder = executableFolder()
        for _ in 0..<8 {
            for bundle in bundleNames {
                let candidate = folder.appendingPathComponent(bundle).appendingPathComponent("Rules")
                if isRulesFolder(candidate) { return RuleFiles(directory: candidate, overlay: overlay) }
                searched.append(candidate.path)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw .notFound(searched: searched)
    }

    /// The bundled file `name` followed by its overlay, if any: later tables override earlier ones.
    package func tables(_ name: String, columns: ClosedRange<Int>) throws(RulesError) -> [RuleTable] {
        var tables = [try RuleTable.parse(read(directory.appendingPathComponent(name)), file: name, columns: columns)]
        if let overlay {
            let url = overlay.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) {
                tables.append(try RuleTable.parse(read(url), file: url.path, columns: columns))
            }
        }
        return tables
    }

    private static let bundleNames = ["Vigia_ReputationCore.resources", "Vigia_ReputationCore.bundle"]
    /// A file every rules folder has, used to tell a rules folder from an unrelated one.
    private static let markerFile = "lexicon-en.tsv"

    private static func isRulesFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(markerFile).path)
    }

    private static func executableFolder() -> URL {
        let executable = Bundle.main.executableURL
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        return executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    private func read(_ url: URL) throws(RulesError) -> String {
        do {
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                throw RulesError.unreadable(file: url.path, reason: "not UTF-8")
            }
            return text
        } catch let error as RulesError {
            throw error
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
    }
}
