import Foundation

/// Where a command runs: the folders, the time it takes as "now", the environment, and the terminal.
package struct RunContext: Sendable {
    package var feedsFolder: URL
    package var alertsFolder: URL
    /// `--now` when given; otherwise the clock is read per cycle through `currentTime()`.
    package var fixedNow: Date?
    package var json: Bool
    package var environment: [String: String]
    package var terminal: Terminal

    package init(global: GlobalOptions, environment: [String: String], terminal: Terminal) throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func folder(_ option: String?, _ variable: String, _ fallback: String) -> URL {
            let path = option ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            return path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path).standardizedFileURL
        }
        feedsFolder = folder(global.feeds, "VIGIA_FEEDS", "feeds")
        alertsFolder = folder(global.alerts, "VIGIA_ALERTS", "alerts")
        fixedNow = global.now
        json = global.json
        self.environment = environment
        self.terminal = terminal
    }

    package func currentTime() -> Date { fixedNow ?? Date() }

    package func loadConfiguration() throws -> Configuration {
        try Configuration.load(folder: feedsFolder, environment: environment)
    }
}
