import Foundation
import XCTest

/// Hostile configuration (issue 8): truncated files, wrong types, huge values, unknown keys, bad URLs, missing
/// ${ENV}: always a clear error naming the file (and the key, where there is one), exit 65, nothing written, never
/// a crash or a trap; then seeded byte-level fuzzing of both files, where the only outcomes allowed are a run
/// (0/1) or exit 65 naming a file.
final class HostileConfigHarnessTests: XCTestCase {
    private static let feedName = "shop.feed.json"
    private static let feedText = """
        {"id": "shop", "url": "file:samples/x-search.rss", "format": "rss", "channel": "x", "interval": "5m",
         "headers": {"User-Agent": "vigia-harness"}, "keywords": ["casa alba", "casaalba"]}
        """
    private static let monitorText = """
        {"brand": {"name": "Casa Alba", "terms": ["Casa Alba", "casaalba"]}, "languages": ["es", "en"],
         "time_zone": "Europe/Madrid",
         "polling": {"max_concurrent": 4, "max_per_host": 2, "timeout": "10s", "connect_timeout": "3s",
                     "max_body_mb": 4, "failures_before_alert": 3, "max_backoff": "1h"},
         "escalation": {"levels": [{"name": "community manager", "after": "0m", "email": ["cm@example.com"]}]}}
        """

    /// (file, JSON text, the key the message must name or nil when there is no key, what the case is).
    private var cases: [(file: String, text: String, key: String?, label: String)] {
        let feed = Self.feedName, monitor = "monitor.json"
        let text = Self.feedText
        var all: [(String, String, String?, String)] = []
        for cut in [0, 1, 17, text.count / 2, text.count - 2] {
            all.append((feed, String(text.prefix(cut)), nil, "feed truncated at \(cut)"))
        }
        for cut in [1, Self.monitorText.count / 3, Self.monitorText.count - 2] {
            all.append((monitor, String(Self.monitorText.prefix(cut)), nil, "monitor.json truncated at \(cut)"))
        }
        let wrongTypes: [(String, String)] = [
            ("id", "5"), ("url", "[\"http://127.0.0.1/\"]"), ("format", "3"), ("channel", "{}"),
            ("interval", "true"), ("headers", "\"x\""), ("keywords", "{\"a\": 1}"), ("headers", "{\"X-A\": 5}"),
        ]
        for (key, value) in wrongTypes { all.append((feed, feedWith(key, value), key, "feed \(key)=\(value)")) }
        let badValues: [(String, String, String)] = [
            ("url", "\"ftp://127.0.0.1/feed\"", "ftp URL"), ("url", "\"http://\"", "URL without host"),
            ("url", "\"javascript:alert(1)\"", "javascript URL"), ("url", "\"not a url\"", "not a URL"),
            ("url", "\"\"", "empty URL"), ("url", "\"http://[::1\"", "unclosed IPv6 host"),
            ("url", "\"gopher://127.0.0.1/\"", "gopher URL"), ("format", "\"xls\"", "unknown format"),
            ("interval", "\"soon\"", "interval not a duration"), ("interval", "\"-5m\"", "negative interval"),
            ("id", "\"other\"", "id differs from the file name"),
            ("id", "\"" + String(repeating: "a", count: 64 << 10) + "\"", "64 KiB id"),
            ("headers", "{\"Authorization\": \"Bearer ${VIGIA_HARNESS_UNSET_TOKEN}\"}", "missing ${ENV}"),
            ("headers", "{\"X-Evil\": \"a\\r\\nHost: evil.example\"}", "CRLF in a header value"),
            ("urll", "\"http://127.0.0.1/\"", "unknown key"),
        ]
        for (key, value, label) in badValues { all.append((feed, feedWith(key, value), key, label)) }
        all.append((feed, feedWith("keywords", "[\"" + String(repeating: "k", count: 2 << 20) + "\"]"), nil, "a 2 MiB file"))
        let monitorCases: [(String, String, String)] = [
            ("{\"brnad\": {}}", "brnad", "unknown top-level key"),
            ("{\"polling\": \"fast\"}", "polling", "polling not an object"),
            ("{\"polling\": {\"max_concurrent\": \"many\"}}", "max_concurrent", "count as text"),
            ("{\"polling\": {\"max_concurrent\": 1e300}}", "max_concurrent", "1e300 connections"),
            ("{\"polling\": {\"max_concurrent\": -3}}", "max_concurrent", "negative count"),
            ("{\"polling\": {\"max_body_mb\": 99999999999999999999}}", "max_body_mb", "huge body cap"),
            ("{\"polling\": {\"timeout\": \"forever\"}}", "timeout", "timeout not a duration"),
            ("{\"polling\": {\"maxconcurrent\": 3}}", "maxconcurrent", "unknown nested key"),
            ("{\"languages\": \"es\"}", "languages", "languages as text"),
            ("{\"time_zone\": \"Mars/Olympus_Mons\"}", "time_zone", "unknown time zone"),
            ("{\"business_hours\": \"sometimes\"}", "business_hours", "bad business hours"),
            ("{\"escalation\": {\"levels\": [{\"name\": \"x\", \"email\": [\"not-an-address\"]}]}}", "email", "bad email"),
            ("{\"escalation\": {\"levels\": [{\"name\": \"x\", \"actions\": [\"delete_post\"]}]}}", "actions", "a deletion"),
            ("{\"notifiers\": {\"webhooks\": [{\"name\": \"w\", \"url\": \"${VIGIA_HARNESS_UNSET_HOOK}\"}]}}", "url",
             "missing ${ENV} in a webhook"),
            ("[]", "monitor.json", "an array, not an object"),
        ]
        for (text, key, label) in monitorCases { all.append((monitor, text, key, "monitor.json: \(label)")) }
        return all
    }

    func testEveryHostileConfigurationExits65NamingFileAndKey() throws {
        let workspace = try HarnessWorkspace("config")
        _ = try workspace.addSample(HarnessEnvironment.packageRoot.appendingPathComponent("feeds/samples/x-search.rss"))
        var failures = 0
        for hostile in cases {
            try writeValidConfiguration(workspace)
            try workspace.writeText(hostile.text, to: hostile.file)
            let outcome = try workspace.run(["--now", "2026-11-22T23:00:00Z", "poll"], timeout: 60)
            let before = testRun?.failureCount ?? 0
            XCTAssertNil(outcome.signal, "\(hostile.label): \(outcome.summary)")
            XCTAssertEqual(outcome.status, 65, "\(hostile.label): \(outcome.summary)")
            XCTAssertTrue(outcome.stderr.contains(hostile.file), "\(hostile.label): file not named: \(outcome.stderr.prefix(500))")
            if let key = hostile.key {
                XCTAssertTrue(outcome.stderr.contains(key), "\(hostile.label): key \(key) not named: \(outcome.stderr.prefix(500))")
            }
            XCTAssertLessThan(outcome.stderr.utf8.count, 8192, "\(hostile.label): the message must stay short")
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: workspace.alerts.appendingPathComponent("journal.jsonl").path),
                "\(hostile.label): wrote to alerts/ despite a bad configuration")
            if (testRun?.failureCount ?? 0) > before { failures += 1 }
        }
        HarnessEnvironment.report("hostile-config: cases=\(cases.count) failing=\(failures)")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    func testSeededByteFuzzingNeverCrashes() throws {
        let workspace = try HarnessWorkspace("config-fuzz")
        _ = try workspace.addSample(HarnessEnvironment.packageRoot.appendingPathComponent("feeds/samples/x-search.rss"))
        var random = HarnessRandom(seed: HarnessRandom.seed)
        let rounds = HarnessEnvironment.isFull ? 400 : 60
        var outcomes: [Int32: Int] = [:]
        for round in 0..<rounds {
            try writeValidConfiguration(workspace)
            let onFeed = round % 2 == 0
            let original = onFeed ? Self.feedText : Self.monitorText
            let mutated = ByteMutation.apply(to: Data(original.utf8), random: &random)
            try mutated.write(to: workspace.feeds.appendingPathComponent(onFeed ? Self.feedName : "monitor.json"))
            let outcome = try workspace.run(["check"], timeout: 60)
            outcomes[outcome.signal.map { -$0 } ?? outcome.status, default: 0] += 1
            let input = String(decoding: mutated.prefix(300), as: UTF8.self)
            XCTAssertNil(outcome.signal, "round \(round) input \(input): \(outcome.summary)")
            XCTAssertTrue([0, 65].contains(outcome.status), "round \(round) input \(input): \(outcome.summary)")
            if outcome.status == 65 {
                XCTAssertTrue(outcome.stderr.contains(".json"), "round \(round): no file named: \(outcome.stderr.prefix(400))")
            }
        }
        HarnessEnvironment.report("config-fuzz: rounds=\(rounds) outcomes=\(outcomes.sorted { $0.key < $1.key })")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    private func writeValidConfiguration(_ workspace: HarnessWorkspace) throws {
        try workspace.clearFeeds()
        try workspace.writeText(Self.feedText, to: Self.feedName)
        try workspace.writeText(Self.monitorText, to: "monitor.json")
    }

    /// The valid feed with one key set to a raw JSON value (added when absent).
    private func feedWith(_ key: String, _ value: String) -> String {
        var object = (try? JSONSerialization.jsonObject(with: Data(Self.feedText.utf8))) as? [String: Any] ?? [:]
        object.removeValue(forKey: key)
        let rest = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        let body = String(decoding: rest.dropFirst().dropLast(), as: UTF8.self)
        return "{\"\(key)\": \(value)\(body.isEmpty ? "" : ", " + body)}"
    }
}
