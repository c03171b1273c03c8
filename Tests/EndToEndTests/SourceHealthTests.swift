import XCTest

/// A feed that keeps failing raises one source-health task for the operator, backs off between attempts, and the
/// run says which feed failed and why (exit 1: the run completed, some feeds failed).
final class SourceHealthTests: XCTestCase {
    func testRepeatedFailuresRaiseOneSourceHealthTaskAndBackOff() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        try #"{"polling": {"failures_before_alert": 2}}"#.write(to: vigia.feeds.appendingPathComponent("monitor.json"), atomically: true, encoding: .utf8)
        try #"{"id": "gone", "url": "file:samples/no-such-file.rss", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("gone.feed.json"), atomically: true, encoding: .utf8)

        let first = try vigia.run(["--json", "--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(first.status, 1, first.stderr)
        XCTAssertEqual(try first.jsonObject()["failed"] as? Int, 1)
        XCTAssertTrue(first.stderr.contains("gone") && first.stderr.contains("no-such-file.rss"), first.stderr)

        // One minute later the feed is backing off: not polled at all.
        let early = try vigia.run(["--json", "--now", "2026-11-23T10:01:00Z", "poll"])
        XCTAssertEqual(try early.jsonObject()["polled"] as? Int, 0, early.stdout)

        let second = try vigia.run(["--json", "--now", "2026-11-24T10:00:00Z", "poll"])
        XCTAssertEqual(try second.jsonObject()["failed"] as? Int, 1)
        XCTAssertTrue(second.stderr.contains("source health"), second.stderr)
        _ = try vigia.run(["--json", "--now", "2026-11-25T10:00:00Z", "poll"])

        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let healthTasks = journal.split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }
        XCTAssertEqual(healthTasks.count, 1, journal)
    }
}
