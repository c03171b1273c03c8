import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The report read from the day summaries of closed days gives the same figures as the report over every logged
/// mention of the window, and a summary the day file outgrew is never used.
final class MentionDaySummaryTests: XCTestCase {
    private var folder: URL!
    private let categories = ["late_delivery", "defect", "refund", "billing", "rude_staff", "app", "stock", "size",
                              "return", "price"]

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-days-\(UUID().uuidString)")
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Nine days of posts over four channels and thirty authors, many posted the same second (ties for "latest"),
    /// some recorded a day or two after they were posted (a day file holding an earlier day's posts).
    private func logNineDays() throws -> [AssessedMention] {
        let log = MentionLog(alertsFolder: folder)
        let labels: [Sentiment.Label] = [.negative, .positive, .neutral, .negative, .positive]
        var all: [AssessedMention] = []
        for index in 0..<600 {
            let hoursAgo = Double((index * 37) % 220) + (index % 3 == 0 ? 0 : 0.25)
            let picked = index % 4 == 3 ? [] : [categories[(index * 7) % categories.count]]
                + (index % 5 == 0 ? [categories[index % categories.count]] : [])
            let assessed = ViewFixtures.mention(
                "m\(index)", "post \(index) about Casa Alba", hoursAgo: hoursAgo,
                channel: ["twitter", "mastodon", "reddit", "youtube"][index % 4], label: labels[index % labels.count],
                categories: picked, handle: "@u\(index % 30)", question: index % 11 == 0)
            let late = index % 9 == 0 ? Double(index % 2 + 1) * 86_400 : 60
            try log.append([assessed], recordedAt: min(ViewFixtures.now, assessed.mention.postedAt + late))
            all.append(assessed)
        }
        return all
    }

    private func reports() throws -> (summaries: String, whole: String, counted: Int) {
        let settings = ViewFixtures.settings()
        let window = AlertViews.reportWindow
        let now = ViewFixtures.now
        let fromSummaries = try ReportSources.read(alertsFolder: folder, since: window, settings: settings, now: now)
        let mentions = try MentionLog(alertsFolder: folder).all(since: now - window)
        let whole = ReportSources.input(
            history: fromSummaries.history, mentions: mentions, since: window, settings: settings, now: now)
        let report = Report.build(fromSummaries)
        return (try ReportJSON.render(report), try ReportJSON.render(Report.build(whole)), report.mentions)
    }

    private var summaryFiles: [String] {
        let days = folder.appendingPathComponent("state").appendingPathComponent("mention-days")
        return ((try? FileManager.default.contentsOfDirectory(atPath: days.path)) ?? []).sorted()
    }

    func testTheReportFromDaySummariesEqualsTheReportFromEveryMention() throws {
        let mentions = try logNineDays()
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(ViewFixtures.journal(for: mentions))
        let first = try reports()
        XCTAssertEqual(first.summaries, first.whole)
        XCTAssertTrue(first.whole.contains("\"examples\""), "the window quotes category examples")
        // Closed days of the window (from the window start's day to yesterday) got a summary; today's did not.
        XCTAssertEqual(summaryFiles, ["2026-11-16.json", "2026-11-17.json", "2026-11-18.json", "2026-11-19.json",
                                      "2026-11-20.json", "2026-11-21.json", "2026-11-22.json"])
        // Read again, now from the stored summaries.
        let second = try reports()
        XCTAssertEqual(second.summaries, second.whole)
        XCTAssertEqual(second.summaries, first.summaries)
    }

    func testALateAppendToAClosedDayIsCountedAndAPostDatedAfterNowIsNeverQuotedInstead() throws {
        let mentions = try logNineDays()
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(ViewFixtures.journal(for: mentions))
        let before = try reports()
        let log = MentionLog(alertsFolder: folder)
        // A what-if run dated three days back appends to that closed day: forty posts of one category, and one
        // whose clock says it is posted after now, that day's latest of the category, which the report cannot quote.
        let back = ViewFixtures.now - 3 * 86_400
        var late = (0..<40).map {
            ViewFixtures.mention(
                "again\($0)", "again \($0)", hoursAgo: 74 + Double($0) / 10, label: .negative, categories: ["again"])
        }
        late.append(
            ViewFixtures.mention("ahead", "from the future", hoursAgo: -5, label: .negative, categories: ["again"]))
        try log.append(late, recordedAt: back)
        let after = try reports()
        XCTAssertEqual(after.summaries, after.whole)
        XCTAssertEqual(after.counted, before.counted + 40)
        XCTAssertTrue(after.whole.contains("again 0") && after.whole.contains("again 1"), "the two latest in the window")
        XCTAssertFalse(after.whole.contains("from the future"))
    }

    func testAnUnreadableSummaryIsRebuilt() throws {
        let mentions = try logNineDays()
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(ViewFixtures.journal(for: mentions))
        let first = try reports()
        let days = folder.appendingPathComponent("state").appendingPathComponent("mention-days")
        try Data("{\"torn".utf8).write(to: days.appendingPathComponent("2026-11-20.json"))
        XCTAssertEqual(try reports().summaries, first.summaries)
        let rebuilt = try Data(contentsOf: days.appendingPathComponent("2026-11-20.json"))
        XCTAssertNoThrow(try JSONDecoder().decode(MentionDaySummary.self, from: rebuilt))
    }

    /// A summary replaced by a symbolic link (to a summary that lies, or to a file to be overwritten) is not read
    /// through: the summary is rebuilt from the day file, the link replaced, the file it pointed at untouched.
    func testASummaryThatIsALinkIsNotFollowed() throws {
        let mentions = try logNineDays()
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(ViewFixtures.journal(for: mentions))
        let first = try reports()
        let days = folder.appendingPathComponent("state").appendingPathComponent("mention-days")
        let summary = days.appendingPathComponent("2026-11-20.json")
        let lie = folder.appendingPathComponent("elsewhere.json")
        // A well-formed summary of the same day file whose figures say nothing was posted.
        var forged = try JSONDecoder().decode(MentionDaySummary.self, from: Data(contentsOf: summary))
        forged.mentions.rows = []
        let forgedBytes = try JSONEncoder().encode(forged)
        try forgedBytes.write(to: lie)
        try FileManager.default.removeItem(at: summary)
        try FileManager.default.createSymbolicLink(at: summary, withDestinationURL: lie)
        XCTAssertEqual(try reports().summaries, first.summaries, "the link's figures were used")
        XCTAssertEqual(try Data(contentsOf: lie), forgedBytes, "the link's target was written through")
        let attributes = try FileManager.default.attributesOfItem(atPath: summary.path)
        XCTAssertNotEqual(attributes[.type] as? FileAttributeType, .typeSymbolicLink)
    }
}
