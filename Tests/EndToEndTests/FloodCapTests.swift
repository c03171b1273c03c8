import XCTest

/// Issue 13.13: one huge feed document files at most `polling.max_new_tasks_per_feed` tasks (the most urgent);
/// every post is still recorded as a mention, and the rest are summed into one flood task with a notice.
final class FloodCapTests: XCTestCase {
    private func document(count: Int) -> String {
        var items = (0..<count).map { index in
            "<item><title>Casa Alba</title><link>https://flood.example/p/\(index)</link><guid>g\(index)</guid>"
                + "<description>Casa Alba pedido \(index) no llega, fatal servicio</description>"
                + "<pubDate>Mon, 23 Nov 2026 09:\(String(format: "%02d", index % 60)):00 GMT</pubDate></item>"
        }
        items.append(
            "<item><title>Casa Alba</title><link>https://flood.example/p/legal</link><guid>legal</guid>"
                + "<description>Casa Alba, os voy a denunciar ante el juzgado, mi abogado ya tiene el caso</description>"
                + "<pubDate>Mon, 23 Nov 2026 09:59:00 GMT</pubDate></item>")
        return #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>"# + items.joined() + "</channel></rss>"
    }

    func testABigFeedFilesAtMostTheCapAndOneFloodTask() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        try document(count: 600).write(to: vigia.feeds.appendingPathComponent("samples/flood.rss"), atomically: true, encoding: .utf8)
        try #"{"id": "flood", "url": "file:samples/flood.rss", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("flood.feed.json"), atomically: true, encoding: .utf8)
        let url = vigia.feeds.appendingPathComponent("monitor.json")
        var settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var polling = settings["polling"] as? [String: Any] ?? [:]
        polling["max_new_tasks_per_feed"] = 25
        settings["polling"] = polling
        try JSONSerialization.data(withJSONObject: settings).write(to: url)

        let run = try vigia.run(["--json", "--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let summary = try run.jsonObject()
        XCTAssertEqual(summary["new_mentions"] as? Int, 601, run.stdout)
        XCTAssertEqual(summary["tasks_filed"] as? Int, 26, "25 tasks and one flood task: \(run.stdout)")
        XCTAssertTrue(run.stderr.contains("feed 'flood' served 576 more posts"), run.stderr)

        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let filed = journal.split(separator: "\n").filter { $0.contains(#""kind":"filed""#) }
        XCTAssertEqual(filed.count, 26)
        XCTAssertTrue(filed.contains { $0.contains("denunciar") }, "the legal threat is among the tasks kept")
        XCTAssertEqual(filed.count { $0.contains(#""flood flood""#) }, 1)
        let mentions = try String(contentsOf: vigia.alerts.appendingPathComponent("mentions/2026-11-23.jsonl"), encoding: .utf8)
        XCTAssertEqual(mentions.split(separator: "\n").count, 601, "every post is recorded")
    }

    func testTheCapIsBounded() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let url = vigia.feeds.appendingPathComponent("monitor.json")
        var settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        settings["polling"] = ["max_new_tasks_per_feed": 0]
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        let run = try vigia.run(["check"])
        XCTAssertEqual(run.status, 65, run.stdout + run.stderr)
        XCTAssertTrue((run.stdout + run.stderr).contains("polling.max_new_tasks_per_feed"), run.stdout + run.stderr)
    }
}
