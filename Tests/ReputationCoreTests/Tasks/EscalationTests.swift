import Foundation
import XCTest
@testable import ReputationCore

final class EscalationTests: XCTestCase {
    let posted = Date(timeIntervalSince1970: 1_795_000_000)
    let settings = TaskFixtures.settings()

    private func bookWithComplaint() -> TaskBook {
        var book = TaskBook()
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m1", text: "Pedido roto, fatal", categories: ["defect"], postedAt: posted)],
            into: &book, settings: settings, now: posted)
        return book
    }

    private func step(_ book: inout TaskBook, at offset: TimeInterval) -> [Escalation.Decision] {
        let decisions = Escalation.due(book: book, settings: settings, now: posted.addingTimeInterval(offset))
        for decision in decisions { book.apply(decision.event) }
        return decisions
    }

    func testLadderThroughTheDay() {
        var book = bookWithComplaint()  // due at +30 min
        XCTAssertTrue(step(&book, at: 60).isEmpty)
        let warning = step(&book, at: 21 * 60)
        XCTAssertEqual(warning.map(\.event.kind), [.warned])
        XCTAssertEqual(warning.first?.notices.map(\.target), ["cm@example.com"])
        XCTAssertTrue(step(&book, at: 25 * 60).isEmpty, "warned once")
        let overdue = step(&book, at: 31 * 60)
        XCTAssertEqual(overdue.map(\.event.level), [0])
        XCTAssertTrue(overdue[0].notices[0].subject.contains("OVERDUE"))
        XCTAssertTrue(step(&book, at: 60 * 60).isEmpty)
        XCTAssertEqual(step(&book, at: 91 * 60).map(\.event.level), [1])
        XCTAssertEqual(step(&book, at: 5 * 3600).map(\.event.level), [2])
        XCTAssertTrue(step(&book, at: 20 * 3600).isEmpty, "top of the ladder reached once")
    }

    func testTimeJumpNotifiesEveryLevelReached() {
        var book = bookWithComplaint()
        XCTAssertEqual(step(&book, at: 86_400).map(\.event.level), [0, 1, 2])
    }

    func testAcknowledgedTasksStopEscalating() throws {
        var book = bookWithComplaint()
        let task = try XCTUnwrap(book.tasks.first)
        book.apply(try TaskAction.acknowledge.event(for: task, by: "eva", note: nil, now: posted, reopenDeadline: posted))
        XCTAssertTrue(step(&book, at: 86_400).isEmpty)
    }

    func testDecisionIdsAreStableWhenRecomputed() {
        let book = bookWithComplaint()
        let first = Escalation.due(book: book, settings: settings, now: posted.addingTimeInterval(40 * 60))
        let again = Escalation.due(book: book, settings: settings, now: posted.addingTimeInterval(41 * 60))
        XCTAssertEqual(first.map(\.event.id), again.map(\.event.id))
        XCTAssertEqual(first.flatMap(\.notices).map(\.id), again.flatMap(\.notices).map(\.id))
    }

    func testCrisisLevelsCallTheLadderAtOnce() throws {
        var book = TaskBook()
        let event = Crisis.Event(
            kind: .started, scope: .brand(), level: .crisis, bucketStart: posted, count: 90, negativeCount: 70,
            baseline: 6, threshold: 20, windowMinutes: 5, explanation: "brand: 90 mentions in 5 min vs baseline 6")
        for filed in TaskFiling.events(for: [], crises: [event], book: book, settings: settings, now: posted) { book.apply(filed) }
        let decisions = step(&book, at: 0)
        XCTAssertEqual(decisions.map(\.event.level), [0, 1, 2])
        XCTAssertTrue(decisions.allSatisfy { $0.event.detail == "crisis" })
        XCTAssertEqual(decisions.last?.notices.map(\.target), ["committee@example.org"])
        XCTAssertTrue(decisions[0].notices[0].body.contains("Crisis checklist"))
    }

    func testSubjectCannotCarryALineBreak() {
        var book = TaskBook()
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "evil", text: "x", name: "Eve\r\nBcc: all@example.com", postedAt: posted)],
            into: &book, settings: settings, now: posted)
        let notices = step(&book, at: 86_400 * 2).flatMap(\.notices)
        XCTAssertFalse(notices.isEmpty)
        for notice in notices {
            XCTAssertFalse(notice.subject.contains("\r") || notice.subject.contains("\n"), notice.subject)
        }
    }
}

extension EscalationTests {
    func testCrisisEndIsToldOnceToThoseNotified() throws {
        var book = TaskBook()
        func crisis(_ kind: Crisis.Event.Kind, _ level: Crisis.Level) -> Crisis.Event {
            Crisis.Event(
                kind: kind, scope: .category("refund"), level: level, bucketStart: posted, count: 30, negativeCount: 25,
                baseline: 3, threshold: 12, windowMinutes: 30, explanation: "category refund: 30 mentions in 30 min")
        }
        let started = TaskFiling.events(for: [], crises: [crisis(.started, .warning)], book: book, settings: settings, now: posted)
        for filed in started { book.apply(filed) }
        XCTAssertEqual(step(&book, at: 0).map(\.event.level), [0, 1], "warning reaches the levels that ask for it")
        let over = TaskFiling.events(for: [], crises: [crisis(.ended, .warning)], book: book, settings: settings,
                                     now: posted.addingTimeInterval(600))
        for filed in over { book.apply(filed) }
        let ended = step(&book, at: 700)
        XCTAssertEqual(ended.count, 1)
        XCTAssertEqual(Set(ended[0].notices.map(\.target)), ["cm@example.com", "lead@example.com"])
        XCTAssertTrue(ended[0].notices[0].subject.contains("Crisis ended"))
        XCTAssertTrue(step(&book, at: 86_400).isEmpty, "told once; an ended crisis no longer climbs the ladder")
    }
}

extension EscalationTests {
    func testDigestOnlyAboveTheLimitAndStable() {
        var book = TaskBook()
        let mentions = (0..<5).map { TaskFixtures.assessed(id: "m\($0)", text: "Fatal", handle: "@h\($0)", categories: ["defect"], postedAt: posted) }
        _ = TaskFixtures.file(mentions, into: &book, settings: settings, now: posted)
        let notices = Escalation.due(book: book, settings: settings, now: posted.addingTimeInterval(40 * 60)).flatMap(\.notices)
        XCTAssertEqual(notices.count, 5)
        XCTAssertEqual(NoticeDigest.combine(notices, limit: 5, now: posted).count, 5)
        let digest = NoticeDigest.combine(notices, limit: 3, now: posted)
        XCTAssertEqual(digest.count, 1)
        XCTAssertEqual(digest[0].covers?.count, 5)
        XCTAssertEqual(digest[0].id, NoticeDigest.combine(notices.reversed(), limit: 3, now: posted.addingTimeInterval(9)).first?.id)
        XCTAssertEqual(NoticeDigest.combine(notices, limit: 0, now: posted).count, 5)
    }
}

extension EscalationTests {
    /// The journal and the outbox keep the words they always held: files written before the reasons were typed
    /// read the same, and files written now read in the old code.
    func testReasonsKeepTheJournalWords() throws {
        XCTAssertEqual(Escalation.Reason.allCases.map(\.rawValue), ["crisis", "overdue", "warning", "ended", "press"])
        var book = bookWithComplaint()
        let warned = step(&book, at: 21 * 60)
        XCTAssertEqual(warned.map(\.event.detail), ["warning"])
        XCTAssertEqual(warned.first?.notices.first?.fields["reason"], "warning")
        XCTAssertEqual(warned.first?.event.escalationReason, .warning)
        let overdue = step(&book, at: 31 * 60)
        XCTAssertEqual(overdue.map(\.event.detail), ["overdue"])
        XCTAssertEqual(overdue.first?.event.note?.hasPrefix("overdue: notified"), true)
        XCTAssertEqual(overdue.first?.notices.first?.reason, .overdue)
        // An old line: the reason is the bare string in `detail`.
        let task = try XCTUnwrap(book.tasks.first)
        XCTAssertNil(task.endNotifiedAt)
        let old = #"{"id":"e-1","at":1795000000,"kind":"escalated","task_id":"\#(task.id)","by":"vigia","level":0,"detail":"ended"}"#
        let event = try JSONDecoder().decode(JournalEvent.self, from: Data(old.utf8))
        XCTAssertEqual(event.escalationReason, .ended)
        book.apply(event)
        XCTAssertNotNil(book.tasks.first?.endNotifiedAt)
        let unknown = JournalEvent(at: posted, kind: .escalated, taskID: task.id, level: 1, detail: "something newer")
        XCTAssertNil(unknown.escalationReason)
    }

    func testDigestCountsReasonsByType() {
        var book = bookWithComplaint()
        var notices = step(&book, at: 21 * 60).flatMap(\.notices) + step(&book, at: 31 * 60).flatMap(\.notices)
        notices += step(&book, at: 91 * 60).flatMap(\.notices)
        let digest = NoticeDigest.combine(notices.map { var n = $0; n.target = "cm@example.com"; return n }, limit: 1, now: posted)
        XCTAssertEqual(digest.count, 1)
        XCTAssertTrue(digest[0].subject.contains("3 notifications: 2 overdue, 1 about to breach, 0 crisis"), digest[0].subject)
        XCTAssertNil(digest[0].reason, "a digest has no single reason")
    }
}
