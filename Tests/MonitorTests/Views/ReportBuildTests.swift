import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The report's numbers over a week built by the tasks engine's own filing, checked by hand.
final class ReportBuildTests: XCTestCase {
    private func report(zone: String = "Europe/Madrid", window: TimeInterval = 7 * 86_400) -> Report {
        let mentions = ViewFixtures.weekOfMentions()
        return Report.build(
            ReportInput(
                brand: "Casa Alba", mentions: mentions,
                history: TaskHistory(events: ViewFixtures.journal(for: mentions)),
                policy: TaskPolicy(), windowStart: ViewFixtures.now.addingTimeInterval(-window), now: ViewFixtures.now,
                timeZone: TimeZone(identifier: zone)!))
    }

    func testVolumePerDayInTheConfiguredZoneAndPerChannel() {
        let report = report()
        XCTAssertEqual(report.mentions, 30)
        XCTAssertEqual(report.days.map(\.day).first, "2026-11-16")
        XCTAssertEqual(report.days.map(\.day).last, "2026-11-23")
        XCTAssertEqual(report.days.count, 8)
        XCTAssertEqual(report.days.map(\.total).reduce(0, +), 30)
        // The late-delivery surge: 48–53 h before Monday 13:00 Madrid is Saturday 08:00–13:00.
        let saturday = report.days.first { $0.day == "2026-11-21" }!
        XCTAssertEqual(saturday.negative, 6)
        XCTAssertEqual(saturday.total, 9)
        XCTAssertEqual(saturday.negativeShare, 600.0 / 9, accuracy: 1e-9)
        XCTAssertEqual(report.channels.map(\.channel), ["twitter", "mastodon", "reddit"])
        XCTAssertEqual(report.channels.map(\.total), [21, 8, 1])
        XCTAssertEqual(report.channels.map(\.negative), [7, 1, 1])
    }

    func testDaysFollowTheTimeZone() {
        // 23:30 UTC on Sunday is already Monday in Madrid but still Sunday in New York.
        let mention = ViewFixtures.mention("tz", "hola", hoursAgo: 12.5, label: .neutral)
        for (zone, day) in [("Europe/Madrid", "2026-11-23"), ("America/New_York", "2026-11-22")] {
            let days = Report.dayVolumes(
                [ReportMention(mention)], from: ViewFixtures.now.addingTimeInterval(-86_400),
                to: ViewFixtures.now, in: TimeZone(identifier: zone)!)
            XCTAssertEqual(days.first { $0.total == 1 }?.day, day, zone)
        }
    }

    func testSentimentSplitAndNetScore() {
        let split = report().sentiment
        XCTAssertEqual(split, Report.SentimentSplit(positive: 21, neutral: 0, negative: 9, netScore: 40))
    }

    func testCategoriesRankedWithTrendAndLatestExamples() {
        let categories = report().categories
        XCTAssertEqual(categories.map(\.id), ["late_delivery", "defect", "refund"])
        XCTAssertEqual(categories.map(\.count), [6, 2, 1])
        XCTAssertEqual(categories[0].trend, .rising)
        XCTAssertEqual(categories[0].earlierHalf, 0)
        XCTAssertEqual(categories[2].trend, .steady)
        XCTAssertEqual(categories[1].examples.map(\.text), [ViewFixtures.hostileImage, ViewFixtures.hostileScript])
        XCTAssertEqual(categories[0].examples.count, 2)
    }

    func testCrisisTimelineComesFromTheJournal() throws {
        let crisis = try XCTUnwrap(report().crises.first)
        XCTAssertEqual(report().crises.count, 1)
        XCTAssertEqual(crisis.timeline.map(\.level), ["warning", "crisis", "ended"])
        XCTAssertEqual(crisis.highestLevel, "crisis")
        // The detector's bucket (06:00 UTC) is earlier than the filing (14:00 UTC): the surge began there.
        XCTAssertEqual(crisis.startedAt, ISOTime.parse("2026-11-21T06:00:00Z"))
        XCTAssertEqual(crisis.timeline.first?.at, ViewFixtures.now.addingTimeInterval(-46 * 3600))
        XCTAssertEqual(crisis.endedAt, ViewFixtures.now.addingTimeInterval(-40 * 3600))
        XCTAssertTrue(crisis.summary.contains("late_delivery"))
    }

    func testFirstResponseMedianP90AndSLACompliancePerPriority() throws {
        let rows = report().responses
        XCTAssertEqual(rows.map(\.priority), ["crisis", "urgent", "complaint"])
        let complaint = try XCTUnwrap(rows.first { $0.priority == "complaint" })
        // Six late-delivery tasks answered 12 min after the post (2 min to file + 10), one after 2 h 2 min;
        // the refund and the second defect post are still unanswered and past their 30-minute deadline.
        XCTAssertEqual(complaint.tasks, 8)
        XCTAssertEqual(complaint.responded, 6)
        XCTAssertEqual(complaint.medianSeconds, 720)
        XCTAssertEqual(complaint.p90Seconds!, 720 + (7320 - 720) * 0.5, accuracy: 1e-6)
        XCTAssertEqual(complaint.withinSLA, 5)
        XCTAssertEqual(complaint.breached, 3)
        XCTAssertEqual(complaint.compliance!, 62.5, accuracy: 1e-9)
        XCTAssertEqual(complaint.slaSeconds, 1800)
        let crisis = try XCTUnwrap(rows.first)
        XCTAssertEqual(crisis.responded, 0)
        XCTAssertEqual(crisis.compliance, 0)
        XCTAssertNil(crisis.medianSeconds)
    }

    func testTaskCountsAndDeletionsStated() {
        let report = report()
        XCTAssertEqual(report.tasks, Report.TaskCounts(open: 9, overdue: 4, resolved: 0, closedConfirmed: 1))
        XCTAssertEqual(report.deletions, 0)
    }

    func testEstimatesAreLabelledRulesOfThumb() {
        let estimates = report().estimates
        XCTAssertEqual(estimates.visibleComplaints, 9)
        XCTAssertEqual(estimates.silentComplainers, 180)
        XCTAssertEqual(estimates.unhappyAuthors, 9)
        XCTAssertEqual(estimates.happyAuthors, 21)
        XCTAssertEqual(estimates.wordOfMouthReach, 9 * 11 + 21 * 3)
        XCTAssertTrue(estimates.note.hasPrefix("Estimates from customer-service research"))
    }

    func testAShorterWindowLeavesOlderMentionsAndTasksOut() {
        let day = report(window: 86_400)
        XCTAssertEqual(day.mentions, 3 + 2)
        XCTAssertEqual(day.categories.map(\.id), ["defect"])
        XCTAssertEqual(day.responses.map(\.priority), ["urgent", "complaint"])
        XCTAssertTrue(day.crises.isEmpty, "the crisis ended 40 h ago")
        XCTAssertEqual(day.tasks.open, 9, "task counts are the current plate, not the window")
    }
}
