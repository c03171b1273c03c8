import XCTest
@testable import Monitor

final class ConfigurationTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func load(environment: [String: String] = [:]) throws -> Configuration {
        try Configuration.load(folder: folder, environment: environment)
    }

    func assertConfigError(_ contains: [String], environment: [String: String] = [:], line: UInt = #line) {
        XCTAssertThrowsError(try load(environment: environment), line: line) { error in
            XCTAssertTrue(error is ConfigError, "\(error)", line: line)
            for piece in contains { XCTAssertTrue("\(error)".contains(piece), "'\(piece)' not in: \(error)", line: line) }
        }
    }

    func testMinimalFeedGetsDefaults() throws {
        try write("news.feed.json", #"{"id": "news", "url": "https://news.example/rss"}"#)
        let configuration = try load()
        XCTAssertEqual(configuration.feeds.count, 1)
        let feed = configuration.feeds[0]
        XCTAssertEqual(feed.format, .auto)
        XCTAssertEqual(feed.interval, 300)
        XCTAssertEqual(feed.channel, "news.example")
        XCTAssertEqual(feed.keywords, [])
    }

    func testRelativeFileURLResolvesInsideTheFeedsFolder() throws {
        try write("demo.feed.json", #"{"id": "demo", "url": "file:samples/demo.rss", "interval": "1h", "keywords": ["Casa Alba"]}"#)
        let feed = try load().feeds[0]
        XCTAssertTrue(feed.isFile)
        XCTAssertEqual(feed.url.path, folder.appendingPathComponent("samples/demo.rss").standardizedFileURL.path)
        XCTAssertEqual(feed.interval, 3600)
    }

    func testErrorsNameFileKeyAndExpectation() throws {
        try write("a.feed.json", #"{"id": "a", "url": "ftp://x"}"#)
        assertConfigError(["a.feed.json", "'url'", "http(s)"])
        try write("a.feed.json", #"{"id": "a", "url": "https://x.example", "interval": true}"#)
        assertConfigError(["a.feed.json", "'interval'", "duration"])
        try write("a.feed.json", #"{"id": "a", "url": "https://x.example", "keyword": ["x"]}"#)
        assertConfigError(["a.feed.json", "unknown key 'keyword'", "did you mean 'keywords'"])
        try write("a.feed.json", #"{"id": "b", "url": "https://x.example"}"#)
        assertConfigError(["a.feed.json", "'id'"])
        try write("a.feed.json", #"{"id": "a", "url": "https://x.example""#)
        assertConfigError(["a.feed.json", "not valid JSON"])
        try write("a.feed.json", #"{"url": "https://x.example"}"#)
        assertConfigError(["a.feed.json", "'id' is required"])
        try write("a.feed.json", String(repeating: "[", count: 100_000))
        assertConfigError(["a.feed.json", "nested deeper"])
    }

    func testEnvironmentVariablesAreRequiredButNeverStored() throws {
        try write("a.feed.json", #"{"id": "a", "url": "https://x.example", "headers": {"Authorization": "Bearer ${API_TOKEN}"}}"#)
        assertConfigError(["a.feed.json", "headers.Authorization", "API_TOKEN"])
        let feed = try load(environment: ["API_TOKEN": "s3cret"]).feeds[0]
        XCTAssertEqual(feed.headers["Authorization"], "Bearer ${API_TOKEN}")
        XCTAssertEqual(feed.expandedHeaders(environment: ["API_TOKEN": "s3cret"]).first?.value, "Bearer s3cret")
    }

    func testMonitorSettings() throws {
        try write("monitor.json", #"{"brand": {"name": "Casa Alba", "terms": ["casaalba"]}, "time_zone": "Europe/Madrid", "polling": {"max_per_host": 2, "timeout": "10s"}}"#)
        let settings = try load().settings
        XCTAssertEqual(settings.brand.name, "Casa Alba")
        XCTAssertEqual(settings.timeZone.identifier, "Europe/Madrid")
        XCTAssertEqual(settings.transferLimits.maxPerHost, 2)
        XCTAssertEqual(settings.transferLimits.totalTimeout, 10)
        try write("monitor.json", #"{"time_zone": "Mars/Olympus"}"#)
        assertConfigError(["monitor.json", "'time_zone'", "IANA"])
        try write("monitor.json", #"{"crisis": {"minimum_volume": 15}}"#)
        XCTAssertEqual(try load().settings.crisis.minimumVolume, 15)
        try write("monitor.json", #"{"crisis": {"minimum_volum": 15}}"#)
        assertConfigError(["monitor.json", "crisis.minimum_volum", "did you mean 'minimum_volume'"])
        try write("monitor.json", #"{"crisis": {"minimum_volume": "lots"}}"#)
        assertConfigError(["monitor.json", "'crisis'"])
        try write("monitor.json", #"{"crisis": {"window_buckets": [1, 1e9]}}"#)
        assertConfigError(["monitor.json", "crisis.window_buckets", "1…288 buckets"])
        try write("monitor.json", #"{"polling": {"max_concurrent": 0}}"#)
        assertConfigError(["monitor.json", "'polling.max_concurrent'", "whole number"])
        try write("monitor.json", #"{"polling": {"max_per_host": 257}}"#)
        assertConfigError(["monitor.json", "'polling.max_per_host'"])
        try write("monitor.json", #"{"polling": {"ca_file": "certs/missing.pem"}}"#)
        assertConfigError(["monitor.json", "'polling.ca_file'", "certs/missing.pem", "readable PEM"])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("certs"), withIntermediateDirectories: true)
        try write("certs/private-ca.pem", "-----BEGIN CERTIFICATE-----\n")
        try write("monitor.json", #"{"polling": {"ca_file": "certs/private-ca.pem"}}"#)
        XCTAssertEqual(try load().settings.transferLimits.caFile, folder.appendingPathComponent("certs/private-ca.pem").path)
    }

    func testConfigurationThatAsksToRemoveCriticismIsRefused() throws {
        try write("monitor.json", #"{"auto_delete_negative": true}"#)
        assertConfigError(["monitor.json", "auto_delete_negative", "answered, not removed"])
        try write("monitor.json", #"{"escalation": {"on_negative": "hide post"}}"#)
        assertConfigError(["escalation.on_negative", "answered, not removed"])
        try write("monitor.json", #"{"rules_x": {"action": ["reply_publicly", "report"]}}"#)
        assertConfigError(["action", "answered, not removed"])
    }

    func testCheckListsEveryProblem() throws {
        try write("a.feed.json", #"{"id": "a", "url": "nope"}"#)
        try write("b.feed.json", #"{"id": "b", "url": "https://ok.example"}"#)
        try write("c.feed.json", #"{"id": "c"}"#)
        let (configuration, problems) = try Configuration.loadAll(folder: folder, environment: [:])
        XCTAssertEqual(configuration.feeds.map(\.id), ["b"])
        XCTAssertEqual(problems.count, 2)
    }
}
