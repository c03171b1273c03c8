import Foundation
import XCTest
@testable import ReputationCore

/// Issue 13.8: a post published years before a feed served it is not "overdue by 739941d" and mailed to every
/// ladder level on its first poll: its clock starts at discovery (minus a small allowance), and the task says it
/// was discovered late.
final class LateDiscoveryTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let settings = TaskFixtures.settings()

    private func discovered(postedAgo: TimeInterval) -> AssessedMention {
        var assessed = TaskFixtures.assessed(
            id: "old", text: "Mi pedido no llega, os voy a denunciar", categories: ["late_delivery"], legalThreat: true,
            postedAt: now.addingTimeInterval(-postedAgo))
        assessed.mention.fetchedAt = now
        return assessed
    }

    func testAnOldPostCountsFromDiscovery() throws {
        var book = TaskBook()
        _ = TaskFixtures.file([discovered(postedAgo: 2 * 365 * 86_400)], into: &book, settings: settings, now: now)
        let task = try XCTUnwrap(book.tasks.first)
        XCTAssertEqual(task.deadline, now.addingTimeInterval(-TaskFiling.discoveryAllowance + 1800), "30m from discovery − 15m")
        XCTAssertEqual(task.lateDiscovery?.postedAt, now.addingTimeInterval(-2 * 365 * 86_400))
        XCTAssertEqual(task.lateDiscovery?.discoveredAt, now)
        XCTAssertFalse(task.isOverdue(now: now))
        XCTAssertTrue(Escalation.due(book: book, settings: settings, now: now).filter { $0.event.kind == .escalated }.isEmpty,
                      "nobody is paged on the first poll")
        // Past the deadline the ladder starts at its first level, like any other task.
        let later = Escalation.due(book: book, settings: settings, now: now.addingTimeInterval(50 * 60))
        XCTAssertEqual(Set(later.flatMap(\.notices).map(\.target)), ["cm@example.com"], "\(later.flatMap(\.notices).map(\.target))")
    }

    func testAPostSeenMinutesLateKeepsItsPostingTime() throws {
        var book = TaskBook()
        _ = TaskFixtures.file([discovered(postedAgo: 10 * 60)], into: &book, settings: settings, now: now)
        let task = try XCTUnwrap(book.tasks.first)
        XCTAssertEqual(task.deadline, now.addingTimeInterval(-10 * 60 + 1800))
        XCTAssertNil(task.lateDiscovery)
    }

    func testLateDiscoveryRoundTripsThroughTheJournal() throws {
        var book = TaskBook()
        let events = TaskFixtures.file([discovered(postedAgo: 86_400)], into: &book, settings: settings, now: now)
        let data = try JSONEncoder().encode(events[0])
        let decoded = try JSONDecoder().decode(JournalEvent.self, from: data)
        XCTAssertNotNil(decoded.task?.lateDiscovery)
    }
}
