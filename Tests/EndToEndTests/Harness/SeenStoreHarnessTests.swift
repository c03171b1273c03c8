import Foundation
import XCTest

/// The seen store forgets by date (issue 13 item 14): an id goes after a month out of every feed's window (30 days
/// before the feeds' last polls); ids still served stay, however many, and however long they have been served.
final class SeenStoreHarnessTests: XCTestCase {
    func testIdsOutOfEveryWindowForAMonthAreForgottenAndServedOnesKept() throws {
        let workspace = try HarnessWorkspace("seen")
        try workspace.writeMonitor([:])
        try workspace.writeFeed(id: "forum", url: "file:samples/forum.rss", format: "rss")
        try workspace.writeFeed(id: "news", url: "file:samples/news.rss", format: "rss")
        try writeFeed(workspace, "forum", items: [("old-1", "Mon, 02 Nov 2026 07:00:00 GMT"), ("old-2", "Tue, 03 Nov 2026 07:00:00 GMT")])
        try writeFeed(workspace, "news", items: [("kept", "Tue, 03 Nov 2026 09:00:00 GMT")])
        XCTAssertEqual(try workspace.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        XCTAssertEqual(try seenDays(workspace), ["2026-11-23": 3], "remembered from the day they were recorded")

        // Weeks later the forum serves only a new post; the news feed still serves its November post.
        try writeFeed(workspace, "forum", items: [("new-1", "Thu, 10 Dec 2026 07:00:00 GMT")])
        XCTAssertEqual(try workspace.run(["--now", "2026-12-10T10:00:00Z", "poll"]).status, 0)
        XCTAssertEqual(try seenDays(workspace), ["2026-11-23": 2, "2026-12-10": 2], "served: remembered from today")

        // A month and more out of every window, the forum's November posts go; the news post, served, stays.
        XCTAssertEqual(try workspace.run(["--now", "2027-01-20T10:00:00Z", "poll"]).status, 0)
        XCTAssertEqual(try seenDays(workspace), ["2027-01-20": 2])

        // Left out of its window once and served again the next poll: still the same post.
        try writeFeed(workspace, "news", items: [("news-2", "Wed, 20 Jan 2027 08:00:00 GMT")])
        XCTAssertEqual(try workspace.run(["--now", "2027-01-20T11:00:00Z", "poll"]).status, 0)
        try writeFeed(workspace, "news", items: [("news-2", "Wed, 20 Jan 2027 08:00:00 GMT"), ("kept", "Tue, 03 Nov 2026 09:00:00 GMT")])
        XCTAssertEqual(try workspace.run(["--now", "2027-01-20T12:00:00Z", "poll"]).status, 0)
        XCTAssertEqual(try seenDays(workspace), ["2027-01-20": 3])
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, 5, "every post recorded once")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Day → how many seen mention ids `state/poll-state.json` keeps for it.
    private func seenDays(_ workspace: HarnessWorkspace) throws -> [String: Int] {
        let data = try Data(contentsOf: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        let state = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let days = try XCTUnwrap((state["seen"] as? [String: Any])?["days"] as? [String: [String: Any]], "\(state["seen"] ?? "")")
        // Each day keeps Vigía's own ids as one run of 16 hex digits each (`SeenDay`); these posts have no other kind.
        return days.mapValues { (($0["ids"] as? String)?.utf8.count ?? 0) / 16 + (($0["texts"] as? [String])?.count ?? 0) }
    }

    private func writeFeed(_ workspace: HarnessWorkspace, _ name: String, items: [(id: String, date: String)]) throws {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>"#
        for item in items {
            xml += "<item><guid>\(item.id)</guid><link>https://\(name).example.com/p/\(item.id)</link>"
                + "<description>Post \(item.id) about the brand</description><pubDate>\(item.date)</pubDate></item>"
        }
        let samples = workspace.feeds.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        try Data((xml + "</channel></rss>").utf8).write(to: samples.appendingPathComponent("\(name).rss"), options: .atomic)
    }
}
