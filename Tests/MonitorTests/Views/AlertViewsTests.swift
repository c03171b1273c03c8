import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// AlertViews and `vigia report` over real alerts/ folders written by the real stores.
final class AlertViewsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try ViewFixtures.alertsFolder()
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func testOpenListsOverdueFirstThenByDeadlineWithEverythingToAnswer() throws {
        try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        let page = try read("OPEN.md")
        let headings = page.split(separator: "\n").filter { $0.hasPrefix("## ") }
        XCTAssertEqual(headings.count, 9)
        // Overdue, most overdue first: the refund (100 h), the crisis (46 h), the script post (3 h), the image (2 h).
        XCTAssertTrue(headings[0].hasPrefix("## 1. OVERDUE by 4d 3h — complaint · complaint — reddit"), String(headings[0]))
        XCTAssertTrue(headings[1].hasPrefix("## 2. OVERDUE by 1d 21h — crisis"), String(headings[1]))
        XCTAssertTrue(headings[2].hasPrefix("## 3. OVERDUE by 2h 30m — urgent · complaint — twitter"), String(headings[2]))
        XCTAssertTrue(headings[3].hasPrefix("## 4. OVERDUE by 1h 30m — complaint · complaint — mastodon"), String(headings[3]))
        XCTAssertTrue(headings[4...].allSatisfy { $0.contains("acknowledged, to resolve") })
        XCTAssertTrue(page.contains("Generated 2026-11-23 13:00 UTC+1. 9 open, 4 overdue."), page)
        XCTAssertTrue(page.contains("- Author: Name x1 @userx1, reach 25,000"))
        XCTAssertTrue(page.contains("[open the post](https://example.social/twitter/x1)"))
        XCTAssertTrue(page.contains("- Deadline: 2026-11-23 10:30 UTC+1 (overdue by 2h 30m)"), page)
        XCTAssertTrue(page.contains("- Why flagged: intent complaint, defect, high\\_reach 25000, negative -0.60"))
        XCTAssertTrue(page.contains("Suggested reply (same channel):\n\n```text\nHola @user"), page)
        XCTAssertTrue(page.contains("- [ ] Pause scheduled marketing posts"))
    }

    func testOpenQuotesHostilePostsAsInertText() throws {
        try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        let page = try read("OPEN.md")
        XCTAssertFalse(page.contains("<script"))
        XCTAssertFalse(page.contains("<img"))
        XCTAssertTrue(page.contains("> &lt;script&gt;document.title='PWNED-SCRIPT'&lt;/script&gt; ¡Pésimo servicio!"))
        XCTAssertTrue(
            page.contains(
                "> &lt;img src=x onerror=\"document.title='PWNED-IMG'\"&gt; never again \\| \\*bold\\* \\`code\\`"))
    }

    func testReportHTMLIsSelfContainedWithPolicyAndEscapedPosts() throws {
        try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        let html = try read("report.html")
        XCTAssertTrue(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" "
                    + "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            ))
        for forbidden in ["<script", "<img", "<link", "<iframe", "@import", "url(", " src=\"", "<object"] {
            XCTAssertFalse(html.lowercased().contains(forbidden), forbidden)
        }
        XCTAssertTrue(html.contains("&lt;script&gt;document.title=&#39;PWNED-SCRIPT&#39;&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=&quot;document.title=&#39;PWNED-IMG&#39;&quot;&gt;"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3, "volume, categories, response charts")
        XCTAssertTrue(html.contains("<strong>Deletions: 0.</strong>"))
        XCTAssertTrue(html.contains("Estimates <small>(from customer-service research, not measured)</small>"))
        XCTAssertTrue(html.contains("fill=\"rgba(192,57,43,0.14)\""), "the crisis band on the volume chart")
    }

    func testRegenerateFromEventsTheCallerHoldsGivesTheSameFiles() throws {
        try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        let (page, html) = (try read("OPEN.md"), try read("report.html"))
        let journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
        let snapshot = try JournalSnapshot(journal)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("journal.jsonl"))
        let mentions = try MentionLog(alertsFolder: folder).all(since: ViewFixtures.now - AlertViews.reportWindow)
        try AlertViews.regenerate(
            alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now, journal: snapshot,
            mentions: mentions)
        XCTAssertEqual(try read("OPEN.md"), page)
        XCTAssertEqual(try read("report.html"), html)
    }

    func testRegenerateReadsOnlyTheWindowsMentionFiles() throws {
        // A damaged log file older than the window must not be opened at all.
        let old = folder.appendingPathComponent("mentions/2026-10-01.jsonl")
        try Data("{not json}\n".utf8).write(to: old)
        XCTAssertNoThrow(
            try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now))
        XCTAssertThrowsError(
            try ReportCommand.run(
                since: 90 * 86_400, format: "json", out: folder.appendingPathComponent("r.json").path,
                alertsFolder: folder,
                settings: ViewFixtures.settings(), now: ViewFixtures.now, terminal: try CapturedTerminal().terminal))
    }

    func testEmptyAlertsFolderGivesEmptyViews() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-empty-\(UUID().uuidString)")
        try AtomicFile.ensureFolder(empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        try AlertViews.regenerate(alertsFolder: empty, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        let page = try String(contentsOf: empty.appendingPathComponent("OPEN.md"), encoding: .utf8)
        XCTAssertTrue(page.contains("Nothing open."))
        let html = try String(contentsOf: empty.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("No crisis in the window."))
    }

    func testReportCommandFormats() throws {
        let capture = try CapturedTerminal()
        let settings = ViewFixtures.settings()
        XCTAssertEqual(
            try ReportCommand.run(
                since: 7 * 86_400, format: "text", out: nil, alertsFolder: folder, settings: settings,
                now: ViewFixtures.now,
                terminal: capture.terminal), 0)
        let text = capture.output()
        XCTAssertTrue(text.contains("net sentiment +40"), text)
        XCTAssertTrue(
            text.contains("complaint  tasks 8, answered 6, median 12m, p90 1h 7m, SLA 30m: 62.5% in time"), text)
        XCTAssertTrue(text.contains("deletions: 0"))
        XCTAssertTrue(text.contains("silent complainers ≈ 180 (9 visible complaints × 20)"))
        XCTAssertTrue(text.contains("word-of-mouth reach ≈ 162 (9 unhappy × 11 + 21 happy × 3)"))
        XCTAssertTrue(text.contains("crisis: category late_delivery"))

        let out = folder.appendingPathComponent("week.json")
        XCTAssertEqual(
            try ReportCommand.run(
                since: 7 * 86_400, format: "json", out: out.path, alertsFolder: folder, settings: settings,
                now: ViewFixtures.now, terminal: capture.terminal), 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        XCTAssertEqual(json["mentions"] as? Int, 30)
        XCTAssertEqual((json["sentiment"] as? [String: Any])?["net_score"] as? Int, 40)
        XCTAssertEqual(json["deletions"] as? Int, 0)
        let saturday = (json["days"] as? [[String: Any]])?.first { $0["day"] as? String == "2026-11-21" }
        XCTAssertEqual(saturday?["negative_share"] as? Double ?? 0, 600.0 / 9, accuracy: 1e-9)
        XCTAssertEqual((json["crises"] as? [[String: Any]])?.first?["ended_at"] as? String, "2026-11-21T20:00:00Z")

        XCTAssertEqual(
            try ReportCommand.run(
                since: 7 * 86_400, format: "pdf", out: nil, alertsFolder: folder, settings: settings,
                now: ViewFixtures.now,
                terminal: capture.terminal), ExitCode.usage.rawValue)
        XCTAssertTrue(capture.errors().contains("unknown format \"pdf\""))
        XCTAssertEqual(
            try ReportCommand.run(
                since: 0, format: "text", out: nil, alertsFolder: folder, settings: settings, now: ViewFixtures.now,
                terminal: capture.terminal), ExitCode.usage.rawValue)
    }
}

/// A Terminal whose stdout and stderr go to temporary files the test reads back.
final class CapturedTerminal {
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-out-\(UUID().uuidString)")
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-err-\(UUID().uuidString)")
    let terminal: Terminal

    init() throws {
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        terminal = Terminal(output: try FileHandle(forWritingTo: outURL), errors: try FileHandle(forWritingTo: errURL))
    }

    deinit {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }

    func output() -> String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    func errors() -> String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
}
