import Foundation
import XCTest

/// Operator mistakes on the live folder (issue 13 items 5, 7, 9): a what-if `--now` far ahead, back-dated
/// transitions, and links planted in alerts/.
final class ClockAndLinkHarnessTests: XCTestCase {
    /// Item 5: after one poll dated 2027, polls at the real time went on polling nothing, silently, and a feed
    /// gone silent was never noticed. Now they poll, warn loudly, and silence is detected again.
    func testAFutureDatedRunDoesNotFreezePollingOrMuteSilence() throws {
        let workspace = try HarnessWorkspace("future")
        try workspace.writeMonitor([:])
        try workspace.writeFeed(id: "forum", url: "file:samples/forum.rss", format: "rss", interval: "1h")
        let start = ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!
        func at(_ hours: Double) -> String { ISO8601DateFormatter().string(from: start.addingTimeInterval(hours * 3600)) }
        for hour in 0..<4 {
            try writeFeed(workspace, items: (0...hour).map { "h\($0)" })
            XCTAssertEqual(try workspace.run(["--json", "--now", at(Double(hour)), "poll"]).status, 0)
        }
        try writeFeed(workspace, items: (0..<4).map { "h\($0)" } + ["future"])
        let whatIf = try workspace.run(["--json", "--now", "2027-06-01T00:00:00Z", "poll"])
        XCTAssertEqual(whatIf.json?["new_mentions"] as? Int, 1, whatIf.summary)
        XCTAssertTrue(whatIf.stderr.contains("WARNING") && whatIf.stderr.contains("ahead of"), whatIf.stderr)

        try writeFeed(workspace, items: (0..<4).map { "h\($0)" } + ["future", "back"])
        let back = try workspace.run(["--json", "--now", at(4), "poll"])
        XCTAssertEqual(back.status, 0, back.summary)
        XCTAssertEqual(back.json?["polled"] as? Int, 1, "polling froze after the run dated ahead: \(back.summary)")
        XCTAssertEqual(back.json?["new_mentions"] as? Int, 1, back.summary)
        XCTAssertTrue(back.stderr.contains("WARNING") && back.stderr.contains("before the last run"), back.stderr)

        // The feed now stays silent: its silence is noticed within a day, as before the what-if.
        var noticed: String?
        for hour in stride(from: 6.0, through: 30, by: 2) {
            let outcome = try workspace.run(["--json", "--now", at(hour), "poll"])
            XCTAssertEqual(outcome.json?["polled"] as? Int, 1, outcome.summary)
            if outcome.stderr.contains("brought nothing new") { noticed = at(hour); break }
        }
        XCTAssertNotNil(noticed, "silence never detected after the run dated ahead")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Item 9: a transition dated before its task existed counted as answered in time. Now it is refused, and each
    /// event keeps the wall-clock time it was written beside the time it states.
    func testTransitionsRefuseTimesBeforeTheTaskAndKeepTheWallClock() throws {
        let testStarted = Date()
        let workspace = try HarnessWorkspace("backdated")
        try workspace.writeMonitor([:])
        try workspace.writeFeed(id: "forum", url: "file:samples/forum.rss", format: "rss")
        try writeFeed(workspace, items: ["a"])
        XCTAssertEqual(try workspace.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        let task = try XCTUnwrap(AlertsAudit(workspace.alerts).filedPerTask.keys.first)
        let early = try workspace.run(["--now", "2026-11-23T09:00:00Z", "ack", task])
        XCTAssertEqual(early.status, 64, early.summary)
        XCTAssertTrue(early.stderr.contains("before the task was filed"), early.stderr)
        let ack = try workspace.run(["--now", "2026-11-23T10:10:00Z", "ack", task])
        XCTAssertEqual(ack.status, 0, ack.summary)
        let journal = try String(contentsOf: workspace.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let lines = journal.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(lines.filter { $0["kind"] as? String == "acknowledged" }.count, 1)
        for line in lines {
            let recorded = (line["recorded_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
            XCTAssertNotNil(recorded, "no wall-clock time beside the stated one: \(line)")
            XCTAssertLessThan(abs(recorded?.timeIntervalSince(testStarted) ?? .infinity), 600, "\(line)")
        }
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Item 7: a link planted in alerts/ (the journal, the lock, a day file, the poll state, the outbox lock) sent
    /// Vigía's writes to a file elsewhere. Now the run refuses, names the link, and the target is untouched.
    func testLinksPlantedInAlertsAreNeverFollowed() throws {
        for name in ["journal.jsonl", "vigia.lock", "mentions/2026-11-23.jsonl", "state/poll-state.json", "outbox/.lock",
                     "mentions/sources.jsonl"]
        {
            let workspace = try HarnessWorkspace("links")
            try workspace.writeMonitor([:])
            try workspace.writeFeed(id: "forum", url: "file:samples/forum.rss", format: "rss")
            try writeFeed(workspace, items: ["a"])
            XCTAssertEqual(try workspace.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
            let victim = workspace.root.appendingPathComponent("victim.txt")
            let original = "a file outside alerts/ that must never change"
            try Data(original.utf8).write(to: victim)
            let link = workspace.alerts.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
            try writeFeed(workspace, items: ["a", "b"])
            var outcomes = [try workspace.run(["--now", "2026-11-23T10:05:00Z", "poll"])]
            let task = AlertsAudit(workspace.alerts).filedPerTask.keys.first ?? "t-none"
            outcomes.append(try workspace.run(["--now", "2026-11-23T10:06:00Z", "ack", task]))
            outcomes.append(try workspace.run(["--now", "2026-11-23T10:06:00Z", "escalate"]))
            XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), original, "\(name): written through the link")
            XCTAssertTrue(StoreLink.isLink(link), "\(name): the link itself was replaced or removed")
            XCTAssertTrue(
                outcomes.contains { $0.stderr.contains("symbolic link") }, "\(name): never refused: \(outcomes.map(\.summary))")
            XCTAssertFalse(outcomes.contains { $0.signal != nil || $0.status == 70 }, "\(name): \(outcomes.map(\.summary))")
            if testRun?.hasSucceeded == true { workspace.remove() }
        }
    }

    // MARK: helpers

    private func writeFeed(_ workspace: HarnessWorkspace, items: [String]) throws {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>forum</title>"#
        for id in items {
            xml += "<item><guid>\(id)</guid><link>https://forum.example.com/thread/\(id)</link><title>Broken again</title>"
                + "<description>Post \(id): my order never arrived, terrible service, I want a refund</description>"
                + "<pubDate>Mon, 23 Nov 2026 07:00:00 GMT</pubDate></item>"
        }
        _ = try workspace.addSample(try temporaryFile(Data((xml + "</channel></rss>").utf8)), as: "forum.rss")
    }

    private func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-feed-\(UUID().uuidString).rss")
        try data.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// lstat-based: is there a link at this path (FileManager follows links when asked for a file's type).
enum StoreLink {
    static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
