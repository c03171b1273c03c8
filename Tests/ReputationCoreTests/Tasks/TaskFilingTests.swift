import Foundation
import XCTest
@testable import ReputationCore

final class TaskFilingTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let settings = TaskFixtures.settings()

    func testComplaintGetsThirtyMinutesAndReasons() throws {
        var book = TaskBook()
        let posted = now.addingTimeInterval(-300)
        let events = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m1", text: "Mi pedido no llega, fatal", categories: ["late_delivery"], postedAt: posted)],
            into: &book, settings: settings, now: now)
        let task = try XCTUnwrap(book.tasks.first)
        XCTAssertEqual(events.map(\.kind), [.filed])
        XCTAssertEqual(task.priority, .complaint)
        XCTAssertEqual(task.deadline, posted.addingTimeInterval(1800), "the clock starts when the customer posted")
        XCTAssertEqual(task.channel, "twitter")
        XCTAssertEqual(task.url, "https://twitter.example/m1")
        XCTAssertTrue(task.reasons.contains("late_delivery"))
        XCTAssertTrue(task.reasons.contains("term fatal"))
        XCTAssertEqual(task.state, .filed)
    }

    func testPriorityOrderAndDeadlines() throws {
        var book = TaskBook()
        let mentions = [
            TaskFixtures.assessed(id: "legal", text: "Os voy a denunciar", handle: "@a", legalThreat: true, postedAt: now),
            TaskFixtures.assessed(id: "reach", text: "Qué mal", handle: "@b", reach: 50_000, postedAt: now),
            TaskFixtures.assessed(id: "neg", text: "No me gusta", handle: "@c", postedAt: now),
            TaskFixtures.assessed(id: "press", text: "Casa Alba responde a las críticas", handle: "@diario",
                                  label: .neutral, intent: .press, postedAt: now),
            TaskFixtures.assessed(id: "q", text: "¿Abrís el domingo?", handle: "@d", label: .neutral, question: true, postedAt: now),
            TaskFixtures.assessed(id: "pos", text: "Me encanta", handle: "@e", label: .positive, intent: .praise, postedAt: now),
            TaskFixtures.assessed(id: "other", text: "Hoy he visto un sofá", handle: "@f", label: .neutral, postedAt: now),
        ]
        _ = TaskFixtures.file(mentions, into: &book, settings: settings, now: now)
        let byMention = Dictionary(uniqueKeysWithValues: book.tasks.map { ($0.mentionID, $0) })
        XCTAssertNil(byMention["other"], "other posts need no task (the report still counts them)")
        XCTAssertEqual(byMention["legal"]?.priority, .urgent)
        XCTAssertEqual(byMention["legal"]?.deadline, now.addingTimeInterval(1800), "a legal threat is a complaint too")
        XCTAssertEqual(byMention["reach"]?.priority, .urgent)
        XCTAssertEqual(byMention["neg"]?.priority, .complaint)
        XCTAssertEqual(byMention["neg"]?.deadline, now.addingTimeInterval(1800))
        XCTAssertEqual(byMention["press"]?.priority, .press)
        XCTAssertEqual(byMention["press"]?.deadline, now.addingTimeInterval(4 * 3600))
        XCTAssertEqual(byMention["q"]?.priority, .question)
        XCTAssertEqual(byMention["q"]?.deadline, now.addingTimeInterval(86_400))
        XCTAssertEqual(byMention["pos"]?.priority, .praise)
        XCTAssertEqual(byMention["pos"]?.deadline, now.addingTimeInterval(86_400))
        XCTAssertEqual(book.tasks.compactMap(\.intent).sorted().map(\.rawValue),
                       ["complaint", "complaint", "complaint", "question", "praise", "press"])
    }

    func testUrgentComplaintKeepsTheShorterDeadline() throws {
        var book = TaskBook()
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m", text: "Cobro doble", reach: 90_000, categories: ["billing"], postedAt: now)],
            into: &book, settings: settings, now: now)
        XCTAssertEqual(book.tasks.first?.priority, .urgent)
        XCTAssertEqual(book.tasks.first?.deadline, now.addingTimeInterval(1800))
    }

    func testAMentionIsFiledOnce() {
        var book = TaskBook()
        let mention = TaskFixtures.assessed(id: "m1", text: "Fatal", postedAt: now)
        XCTAssertEqual(TaskFixtures.file([mention], into: &book, settings: settings, now: now).count, 1)
        XCTAssertEqual(TaskFixtures.file([mention], into: &book, settings: settings, now: now.addingTimeInterval(60)).count, 0)
        XCTAssertEqual(TaskFixtures.file([mention, mention], into: &book, settings: settings, now: now).count, 0)
    }

    func testSameCustomerInTwoChannelsSharesAThread() throws {
        var book = TaskBook()
        let first = TaskFixtures.assessed(id: "tw", text: "Pedido 12345678 sin llegar", handle: "@Ana_G", postedAt: now)
        let second = TaskFixtures.assessed(
            id: "ma", text: "Sigo esperando", channel: "mastodon", handle: "@ana_g@mastodon.social", postedAt: now)
        let third = TaskFixtures.assessed(
            id: "blog", text: "Lo del pedido nº 12345678 es un desastre", channel: "blog", handle: "ana-blog", postedAt: now)
        let other = TaskFixtures.assessed(id: "x", text: "Fatal", handle: "@pepe", postedAt: now)
        _ = TaskFixtures.file([first, second, third, other], into: &book, settings: settings, now: now)
        let threads = Dictionary(uniqueKeysWithValues: book.tasks.map { ($0.mentionID, $0.threadID) })
        XCTAssertEqual(threads["tw"], threads["ma"], "same handle across channels")
        XCTAssertEqual(threads["tw"], threads["blog"], "same order number")
        XCTAssertNotEqual(threads["tw"], threads["x"])
        XCTAssertEqual(book.tasks.first { $0.mentionID == "ma" }?.channel, "mastodon", "replies go to the post's channel")
        XCTAssertFalse(book.tasks.contains { $0.threadKeys.contains { $0.contains("12345678") } }, "keys are hashed")
    }

    func testCustomerWritingAgainReopensTheResolvedTask() throws {
        var book = TaskBook()
        _ = TaskFixtures.file([TaskFixtures.assessed(id: "m1", text: "Fatal", postedAt: now)], into: &book, settings: settings, now: now)
        let task = try XCTUnwrap(book.tasks.first)
        for action in [TaskAction.acknowledge, .resolve, .close(confirmed: true)] {
            book.apply(try action.event(for: book.task(id: task.id)!, by: "eva", note: "ok", now: now, reopenDeadline: now))
        }
        XCTAssertEqual(book.task(id: task.id)?.state, .closed)
        let later = now.addingTimeInterval(7200)
        let events = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m2", text: "Otra vez igual, fatal", channel: "instagram", postedAt: later)],
            into: &book, settings: settings, now: later)
        XCTAssertEqual(events.map(\.kind), [.reopened])
        let reopened = try XCTUnwrap(book.task(id: task.id))
        XCTAssertEqual(reopened.state, .filed)
        XCTAssertEqual(reopened.relatedMentionIDs, ["m2"])
        XCTAssertEqual(reopened.deadline, later.addingTimeInterval(1800), "a complaint again: the complaint deadline")
        XCTAssertEqual(book.tasks.count, 1)
        XCTAssertEqual(TaskFixtures.file([TaskFixtures.assessed(id: "m2", text: "x", postedAt: later)], into: &book, settings: settings, now: later).count, 0)
    }

    func testCrisisEventsFileAndUpdateOneTask() throws {
        var book = TaskBook()
        let scope = Crisis.Scope.channel("twitter")
        func event(_ kind: Crisis.Event.Kind, _ level: Crisis.Level) -> Crisis.Event {
            Crisis.Event(
                kind: kind, scope: scope, level: level, bucketStart: now, count: 40, negativeCount: 30, baseline: 5,
                threshold: 15, windowMinutes: 5, explanation: "channel twitter: 40 mentions in 5 min vs baseline 5")
        }
        var events = TaskFiling.events(for: [], crises: [event(.started, .watch)], book: book, settings: settings, now: now)
        XCTAssertTrue(events.isEmpty, "watch is for reports only")
        events = TaskFiling.events(for: [], crises: [event(.started, .warning)], book: book, settings: settings, now: now)
        for event in events { book.apply(event) }
        let crisis = try XCTUnwrap(book.tasks.first)
        XCTAssertEqual(crisis.kind, .crisis)
        XCTAssertEqual(crisis.priority, .crisis)
        XCTAssertEqual(crisis.deadline, now.addingTimeInterval(900))
        XCTAssertFalse(crisis.checklist.isEmpty)
        events = TaskFiling.events(for: [], crises: [event(.escalated, .crisis), event(.ended, .crisis)], book: book, settings: settings, now: now)
        XCTAssertEqual(events.map(\.kind), [.crisisUpdated, .crisisUpdated])
        for event in events { book.apply(event) }
        XCTAssertEqual(book.tasks.count, 1)
        XCTAssertEqual(book.task(id: crisis.id)?.crisisLevel, .ended)
    }

    /// A run's alerts raised again (its state lost after it filed): buckets that had closed when the task last
    /// changed are old news, and must not walk it back through watch and warning; a later bucket still counts.
    func testCrisisEventsOfBucketsClosedBeforeTheTaskChangedAreOldNews() throws {
        var book = TaskBook()
        let scope = Crisis.Scope.brand()
        func event(_ kind: Crisis.Event.Kind, _ level: Crisis.Level, closing end: Date) -> Crisis.Event {
            Crisis.Event(
                kind: kind, scope: scope, level: level, bucketStart: end.addingTimeInterval(-300), count: 11,
                negativeCount: 9, baseline: 1.2, threshold: 9, windowMinutes: 30, explanation: "brand: 11 mentions",
                bucketEnd: end)
        }
        let run = [event(.started, .watch, closing: now.addingTimeInterval(-300)), event(.escalated, .warning, closing: now)]
        for filed in TaskFiling.events(for: [], crises: run, book: book, settings: settings, now: now) { book.apply(filed) }
        let task = try XCTUnwrap(book.tasks.first)
        XCTAssertEqual(task.crisisLevel, .warning)

        let later = now.addingTimeInterval(300)
        XCTAssertEqual(TaskFiling.events(for: [], crises: run, book: book, settings: settings, now: later).map(\.kind), [])
        let news = TaskFiling.events(
            for: [], crises: [event(.escalated, .crisis, closing: later)], book: book, settings: settings, now: later)
        XCTAssertEqual(news.map(\.kind), [.crisisUpdated])
        for update in news { book.apply(update) }
        XCTAssertEqual(book.task(id: task.id)?.crisisChangedAt, later)
        let again = TaskFiling.events(
            for: [], crises: [event(.escalated, .crisis, closing: later)], book: book, settings: settings, now: later)
        XCTAssertEqual(again.map(\.kind), [])
    }
}

extension TaskFilingTests {
    func testKeysBroughtByAReopeningPostJoinTheThread() throws {
        var book = TaskBook()
        _ = TaskFixtures.file([TaskFixtures.assessed(id: "m1", text: "Fatal", postedAt: now)], into: &book, settings: settings, now: now)
        let task = try XCTUnwrap(book.tasks.first)
        for action in [TaskAction.acknowledge, .resolve] {
            book.apply(try action.event(for: book.task(id: task.id)!, by: "eva", note: nil, now: now, reopenDeadline: now))
        }
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m2", text: "Pedido 99887766 otra vez mal", postedAt: now)], into: &book, settings: settings, now: now)
        XCTAssertEqual(book.task(id: task.id)?.state, .filed)
        // Someone else's account quoting the same order number is the same customer's thread.
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m3", text: "Lo del pedido 99887766 sigue igual", channel: "email", handle: "ana.g.personal", postedAt: now)],
            into: &book, settings: settings, now: now)
        XCTAssertEqual(book.task(forMention: "m3")?.threadID, task.threadID)
    }
}

extension TaskFilingTests {
    func testSourceHealthTaskOncePerFeedAndOnlyFirstLevel() throws {
        var book = TaskBook()
        let first = try XCTUnwrap(TaskFiling.sourceHealthEvent(feedID: "x-search", problem: "5 failures: HTTP 503", book: book, settings: settings, now: now))
        book.apply(first)
        XCTAssertNil(TaskFiling.sourceHealthEvent(feedID: "x-search", problem: "again", book: book, settings: settings, now: now))
        XCTAssertNotNil(TaskFiling.sourceHealthEvent(feedID: "reddit", problem: "silent", book: book, settings: settings, now: now))
        let decisions = Escalation.due(book: book, settings: settings, now: now.addingTimeInterval(10 * 86_400))
        XCTAssertEqual(decisions.map(\.event.level), [0], "a broken feed goes to the first level only")
    }
}
