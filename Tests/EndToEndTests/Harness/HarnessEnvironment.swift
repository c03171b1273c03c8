import Foundation
import XCTest

/// Where the harness finds its parts (the built `vigia`, python3, ../shared/bench) and how long it runs.
///
/// `VIGIA_HARNESS=full` selects the long form (run by hand, see tools/harness/README.md); anything else is the bounded
/// form that `.ci/run` runs inside `swift test`.
enum HarnessEnvironment {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var isFull: Bool { ProcessInfo.processInfo.environment["VIGIA_HARNESS"] == "full" }

    static var tools: URL { packageRoot.appendingPathComponent("tools/harness") }
    static var benchFeeds: URL { packageRoot.appendingPathComponent("../shared/bench/feeds").standardizedFileURL }
    static var fixtureServer: URL { benchFeeds.appendingPathComponent("fixture_server.py") }
    static var hostileFolder: URL { benchFeeds.appendingPathComponent("hostile") }

    /// Debian's `faketime` wrapper (package `faketime`): a child's system clock set apart from this machine's. Its
    /// library preloaded by hand leaves a Swift program without its arguments; the wrapper's own setup does not.
    static let faketime = "/usr/bin/faketime"
    /// The library the wrapper preloads, as it names it (the loader puts the machine's library folder for `$LIB`).
    static let faketimeLibrary = "/usr/$LIB/faketime/libfaketime.so.1"

    /// The built `vigia`, or `VIGIA_HARNESS_VIGIA` (an older build, to show a proof fails against unfixed code).
    static var vigia: URL {
        ProcessInfo.processInfo.environment["VIGIA_HARNESS_VIGIA"].map { URL(fileURLWithPath: $0) } ?? VigiaProcess.executable
    }

    static var python: URL? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// python3, or a clean skip when the machine has none.
    static func requirePython() throws -> URL {
        guard let python else { throw XCTSkip("python3 is not installed; the harness needs it for its servers") }
        return python
    }

    /// The shared bench corpus, or a clean skip when ../shared is absent (a checkout without it).
    static func requireBench() throws -> URL {
        guard FileManager.default.fileExists(atPath: fixtureServer.path) else {
            throw XCTSkip("\(benchFeeds.path) is absent; the harness needs ../shared/bench/feeds")
        }
        return benchFeeds
    }

    /// The harness's figures go to stdout (for the closing note) and, when set, to `VIGIA_HARNESS_FIGURES`.
    static func report(_ line: String) {
        print("HARNESS " + line)
        guard let path = ProcessInfo.processInfo.environment["VIGIA_HARNESS_FIGURES"] else { return }
        if let handle = FileHandle(forWritingAtPath: path) ?? createFile(path) {
            handle.seekToEndOfFile()
            handle.write(Data(("HARNESS " + line + "\n").utf8))
            handle.closeFile()
        }
    }

    private static func createFile(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }
}
