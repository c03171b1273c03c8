import XCTest

/// Issue 19: after a crisis statement a community manager acknowledges 200 posts at once. `vigia ack ID…` (and
/// `--from FILE`) is one locked step; each task gets its own event; a bad id is reported and the rest proceed.
final class ManyTasksAtOnceTests: XCTestCase {
    private func workspace(posts: Int) throws -> VigiaProcess {
        let vigia = try VigiaProcess.demo()
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        let items = (0..<posts).map { index in
            "<item><title>Casa Alba</title><link>https://many.example/p/\(index)</link><guid>g\(index)</guid>"
                + "<description>Casa Alba, mi pedido \(index) no llega, fatal servicio</description>"
                + "<pubDate>Mon, 23 Nov 2026 09:\(String(format: "%02d", index % 60)):00 GMT</pubDate></item>"
        }
        let document = #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>"# + items.joined() + "</channel></rss>"
        try document.write(to: vigia.feeds.appendingPathComponent("samples/many.rss"), atomically: true, encoding: .utf8)
        try #"{"id": "many", "url": "file:samples/many.rss", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("many.feed.json"), atomically: true, encoding: .utf8)
        let url = vigia.feeds.appendingPathComponent("monitor.json")
        var settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var polling = settings["polling"] as? [String: Any] ?? [:]
        polling["max_new_tasks_per_feed"] = 1000
        settings["polling"] = polling
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        let run = try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return vigia
    }

    private func openIDs(_ vigia: VigiaProcess) throws -> [String] {
        let alerts = try vigia.run(["--json", "--now", "2026-11-23T10:05:00Z", "alerts"])
        return try alerts.jsonLines().filter { ($0["channel"] as? String) != nil && ($0["state"] as? String) == "filed" }
            .compactMap { $0["id"] as? String }.filter { !$0.isEmpty }
    }

    private func events(_ vigia: VigiaProcess, kind: String) throws -> [Substring] {
        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        return journal.split(separator: "\n").filter { $0.contains(#""kind":"\#(kind)""#) }
    }

    func testTwoHundredAcksInOneStepWithABadIDAndDuplicates() throws {
        let vigia = try workspace(posts: 210)
        defer { vigia.remove() }
        let ids = Array(try openIDs(vigia).prefix(200))
        XCTAssertEqual(ids.count, 200)
        let arguments = ["--now", "2026-11-23T10:10:00Z", "ack", "--by", "eva", "--note", "statement posted"]
            + ids + ["t-does-not-exist", ids[0], ids[1]]
        let run = try vigia.run(arguments)
        XCTAssertEqual(run.status, 64, "one id was refused: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("no task with id 't-does-not-exist'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(ids[0]): named more than once, recorded once"), run.stderr)
        XCTAssertTrue(run.stderr.contains("200 recorded, 1 refused (of 203 ids given)"), run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 200, run.stdout)
        let acks = try events(vigia, kind: "acknowledged")
        XCTAssertEqual(acks.count, 200, "one event per task, none twice")
        for id in ids { XCTAssertEqual(acks.count { $0.contains(#""task_id":"\#(id)""#) }, 1, id) }

        // Again: every one is refused now (already acknowledged), nothing is added, and each is named.
        let again = try vigia.run(["--now", "2026-11-23T10:11:00Z", "ack"] + ids.prefix(3))
        XCTAssertEqual(again.status, 64)
        for id in ids.prefix(3) { XCTAssertTrue(again.stderr.contains("task \(id) is acknowledged"), again.stderr) }
        XCTAssertEqual(try events(vigia, kind: "acknowledged").count, 200)
    }

    func testIDsFromAFileAndFromStdin() throws {
        let vigia = try workspace(posts: 12)
        defer { vigia.remove() }
        let ids = try openIDs(vigia)
        XCTAssertGreaterThanOrEqual(ids.count, 10)
        let list = vigia.workspace.appendingPathComponent("ids.txt")
        try ("# acknowledged after the statement\n" + ids.prefix(5).joined(separator: "\n") + "\n\n")
            .write(to: list, atomically: true, encoding: .utf8)
        let fromFile = try vigia.run(["--now", "2026-11-23T10:10:00Z", "ack", "--from", list.path, ids[5]])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertEqual(try events(vigia, kind: "acknowledged").count, 6)
        let fromStdin = try vigia.run(
            ["--now", "2026-11-23T10:12:00Z", "resolve", "--from", "-"], stdin: ids.prefix(6).joined(separator: "\n"))
        XCTAssertEqual(fromStdin.status, 0, fromStdin.stderr)
        XCTAssertEqual(try events(vigia, kind: "resolved").count, 6)
        let close = try vigia.run(["--now", "2026-11-23T10:14:00Z", "close", "--confirmed"] + ids.prefix(7))
        XCTAssertEqual(close.status, 64, "the seventh was never resolved")
        XCTAssertTrue(close.stderr.contains("task \(ids[6]) is filed: cannot close"), close.stderr)
        XCTAssertEqual(try events(vigia, kind: "closed").count, 6)
        let missing = try vigia.run(["ack", "--from", vigia.workspace.appendingPathComponent("nope.txt").path])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("cannot read the id list"), missing.stderr)
        let none = try vigia.run(["ack"])
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("at least one id"), none.stderr)
    }
}
