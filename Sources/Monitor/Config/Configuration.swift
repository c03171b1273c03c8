import Foundation

/// Everything in feeds/: the monitor settings and the feeds, validated before anything is fetched.
package struct Configuration: Sendable {
    package var folder: URL
    package var settings: MonitorSettings
    package var feeds: [FeedConfig]

    package static let settingsFile = "monitor.json"
    package static let feedSuffix = ".feed.json"

    /// Loads and validates feeds/. The first problem is thrown as a `ConfigError` naming the file and key.
    package static func load(folder: URL, environment: [String: String]) throws(ConfigError) -> Configuration {
        let (configuration, problems) = try loadAll(folder: folder, environment: environment)
        if let first = problems.first { throw first }
        return configuration
    }

    /// Loads what is valid and lists every problem (for `vigia check`). Throws only when feeds/ itself is unusable.
    package static func loadAll(folder: URL, environment: [String: String]) throws(ConfigError) -> (Configuration, [ConfigError]) {
        var problems: [ConfigError] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .noFeedsFolder(path: folder.path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw .unreadable(file: folder.path, reason: (error as NSError).localizedDescription)
        }
        var settings = MonitorSettings()
        settings.rulesOverlay = MonitorSettings.standardRulesOverlay(in: folder)
        if names.contains(settingsFile) {
            do throws(ConfigError) {
                let root = try readObject(folder.appendingPathComponent(settingsFile), display: display(folder, settingsFile))
                settings = try MonitorSettings(reading: root, folder: folder, environment: environment)
            } catch {
                problems.append(error)
            }
        }
        // An agency's thousand feed files are read in slices on every core; feeds and problems stay in name order.
        let read = ParallelSlices.map(names.filter { $0.hasSuffix(feedSuffix) }) { slice in
            slice.map { name -> Result<FeedConfig, ConfigError> in
                Result { () throws(ConfigError) in
                    let object = try readObject(folder.appendingPathComponent(name), display: display(folder, name))
                    let stem = String(name.dropLast(feedSuffix.count))
                    return try FeedConfig(reading: object, expectedID: stem, folder: folder, environment: environment)
                }
            }
        }.joined()
        var feeds: [FeedConfig] = []
        for result in read {
            switch result {
            case .success(let feed): feeds.append(feed)
            case .failure(let error): problems.append(error)
            }
        }
        return (Configuration(folder: folder, settings: settings, feeds: refusingTwins(feeds, problems: &problems)), problems)
    }

    /// File names are bytes, but Swift compares ids by canonical equivalence: "café" (é composed) and "café" (e and a
    /// combining accent) are two files and one key of the poll state, so the two feeds would share — and overwrite —
    /// each other's validators, schedule and cursor. Both are refused, so neither silently wins.
    static func refusingTwins(_ feeds: [FeedConfig], problems: inout [ConfigError]) -> [FeedConfig] {
        let groups = Dictionary(grouping: feeds, by: \.id)
        for (id, group) in groups where group.count > 1 {
            problems.append(.duplicateFeed(id: id, files: group.map(\.file).sorted()))
        }
        return feeds.filter { groups[$0.id]?.count == 1 }
    }

    static func display(_ folder: URL, _ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Reads one configuration file: size-bounded, valid JSON, an object, nothing that asks to remove criticism.
    static func readObject(_ url: URL, display: String) throws(ConfigError) -> ConfigObject {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > 16 << 20 {
                throw ConfigError.invalid(file: display, key: "(file)", expected: "a configuration file under 16 MiB", found: "\(size) bytes")
            }
            data = try Data(contentsOf: url)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw .unreadable(file: display, reason: (error as NSError).localizedDescription)
        }
        let object = try ConfigObject.parse(data, file: display)
        try NoDeletionGuard.check(object.document, file: display)
        return object
    }
}
