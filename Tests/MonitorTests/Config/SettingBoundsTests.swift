import XCTest

@testable import Monitor

/// Issue 13.15: every duration setting has bounds; "1e300" (or 1e300 as a number) is an error naming the file,
/// the key and the allowed range, never a value that traps later.
final class SettingBoundsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("news.feed.json", #"{"id": "news", "url": "https://news.example/rss"}"#)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func assertRefused(_ file: String, _ text: String, key: String, range: String, line: UInt = #line) throws {
        try write(file, text)
        XCTAssertThrowsError(try Configuration.load(folder: folder, environment: [:]), line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(error is ConfigError, message, line: line)
            XCTAssertTrue(message.contains("'\(key)'") && message.contains(range) && message.contains(file), message, line: line)
        }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("monitor.json"))
        try write("news.feed.json", #"{"id": "news", "url": "https://news.example/rss"}"#)
    }

    func testHugeDurationsNameTheKeyAndTheRange() throws {
        for huge in [#""1e300""#, "1e300", #""99999999999999999d""#] {
            try assertRefused("monitor.json", #"{"polling": {"timeout": \#(huge)}}"#, key: "polling.timeout", range: "1s to 1h")
            try assertRefused("monitor.json", #"{"polling": {"connect_timeout": \#(huge)}}"#, key: "polling.connect_timeout", range: "1s to 10m")
            try assertRefused("monitor.json", #"{"polling": {"max_backoff": \#(huge)}}"#, key: "polling.max_backoff", range: "1m to 30d")
            try assertRefused("monitor.json", #"{"policy": {"complaint": \#(huge)}}"#, key: "policy.complaint", range: "1m to 365d")
            try assertRefused("monitor.json", #"{"policy": {"warn_before": \#(huge)}}"#, key: "policy.warn_before", range: "0s to 7d")
            try assertRefused("monitor.json", #"{"notifiers": {"retry": {"max": \#(huge)}}}"#, key: "notifiers.retry.max", range: "1s to 30d")
            try assertRefused(
                "monitor.json", #"{"notifiers": {"commands": [{"name": "p", "argv": ["/bin/true"], "timeout": \#(huge)}]}}"#,
                key: "notifiers.commands[0].timeout", range: "1s to 1h")
            try assertRefused(
                "monitor.json", #"{"escalation": {"levels": [{"name": "cm", "after": \#(huge)}]}}"#,
                key: "escalation.levels[0].after", range: "0s to 365d")
            try assertRefused(
                "news.feed.json", #"{"id": "news", "url": "https://news.example/rss", "interval": \#(huge)}"#,
                key: "interval", range: "10s to 30d")
        }
        try assertRefused("news.feed.json", #"{"id": "news", "url": "https://news.example/rss", "interval": "5s"}"#,
                          key: "interval", range: "10s to 30d")
    }

    func testDurationsInsideTheirRangeAreRead() throws {
        try write("monitor.json", #"{"polling": {"timeout": "1h", "max_backoff": "30d"}, "policy": {"complaint": "365d"}}"#)
        let settings = try Configuration.load(folder: folder, environment: [:]).settings
        XCTAssertEqual(settings.polling.timeout, 3600)
        XCTAssertEqual(settings.tasks.policy.complaint, 365 * 86_400)
    }

    func testDescribeIsTotal() {
        XCTAssertEqual(DurationText.describe(1e300), "more than 10000y")
        XCTAssertEqual(DurationText.describe(.nan), "more than 10000y")
        XCTAssertEqual(DurationText.describe(90), "1m 30s")
    }
}
