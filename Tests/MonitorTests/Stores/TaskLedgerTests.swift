import ReputationCore
import XCTest

@testable import Monitor

/// Issue 19: over a long history the fold keeps the live tasks and retires those closed long ago, and the ledger a
/// checkpoint and its tail give is the one a fold of the whole journal gives, wherever the checkpoint was taken.
final class TaskLedgerTests: XCTestCase {
    /// Forty days: each day three complaints filed, two answered and closed the same day, one left open two days.
    private func fortyDays() -> [JournalEvent] {
        let settings = TaskSettings.default
        var book = TaskBook()
        var events: [JournalEvent] = []
        let start = ISOTime.parse("2026-01-01T09:00:00Z")!
        for day in 0..<40 {
            let morning = start.addingTimeInterval(Double(day) * 86_400)
            let mentions = (0..<3).map { index in
                ViewFixtures.mention(
                    "d\(day)-\(index)", "Mi pedido no llega, tarde otra vez", hoursAgo: 0, label: .negative,
                    categories: ["late_delivery"], handle: "@c\(day)-\(index)")
            }.map { assessed -> AssessedMention in
                var moved = assessed
                moved.mention.publishedAt = morning
                moved.mention.fetchedAt = morning
                return moved
            }
            let filed = TaskFiling.events(for: mentions, crises: [], book: book, settings: settings, now: morning)
            for event in filed { book.apply(event) }
            events += filed
            var answers: [JournalEvent] = []
            for task in book.tasks where task.state.isOpen && task.filedAt <= morning.addingTimeInterval(-86_400)
                || task.mentionID.hasPrefix("d\(day)-") && !task.mentionID.hasSuffix("-2")
            {
                let at = morning.addingTimeInterval(3600)
                answers += [
                    JournalEvent(at: at, kind: .acknowledged, taskID: task.id, by: "ana"),
                    JournalEvent(at: at.addingTimeInterval(60), kind: .resolved, taskID: task.id, by: "ana"),
                    JournalEvent(at: at.addingTimeInterval(120), kind: .closed, taskID: task.id, by: "ana"),
                ]
            }
            for event in answers { book.apply(event) }
            events += answers
        }
        return events
    }

    func testClosedTasksRetireAfterTheRetentionAndAreCounted() throws {
        let events = fortyDays()
        let ledger = TaskLedger(events: events)
        let whole = TaskLedger(events: events, retiring: false)
        XCTAssertEqual(whole.book.tasks.count, 120)
        XCTAssertGreaterThan(ledger.retired, 80, "most of forty days' tasks are long closed")
        XCTAssertEqual(ledger.book.tasks.count + ledger.retired, 120)
        XCTAssertGreaterThan(ledger.retiredClosedConfirmed, 60, "those closed before the report window: counted only")
        XCTAssertLessThan(ledger.retiredClosedConfirmed, ledger.retired, "the window's closed tasks kept as slim copies")
        // Every open task and every task touched within the book's retention is still in the book, in the same state.
        let newest = events.map(\.at).max()!
        for task in whole.book.tasks where task.state.isOpen || task.updatedAt > newest - TaskLedger.bookRetention {
            XCTAssertEqual(ledger.book.task(id: task.id)?.state, task.state, task.id)
        }
        // The report over its 7-day window is the same as with every task held: totals, SLA, response times.
        let now = newest.addingTimeInterval(60)
        let counts = Report.taskCounts(TaskHistory(ledger: ledger), now: now)
        XCTAssertEqual(counts, Report.taskCounts(TaskHistory(events: events), now: now))
        let settings = ViewFixtures.settings()
        func report(_ history: TaskHistory) throws -> String {
            try ReportJSON.render(Report.build(ReportSources.input(
                history: history, mentions: [], since: AlertViews.reportWindow, settings: settings, now: now)))
        }
        XCTAssertEqual(try report(TaskHistory(ledger: ledger)), try report(TaskHistory(events: events)))
    }

    func testACheckpointAnywhereAndItsTailGiveTheWholeFold() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-ledger-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = fortyDays()
        let whole = try JournalCoding.encoder.encode(TaskLedger(events: events))
        for cut in stride(from: 1, to: events.count, by: events.count / 7) {
            try? FileManager.default.removeItem(at: folder)
            let journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
            let checkpoint = TaskBookCheckpoint(alertsFolder: folder)
            try journal.append(Array(events[..<cut]))
            let offset = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as? Int)
            try checkpoint.save(TaskLedger(events: Array(events[..<cut])), coveringJournal: journal, upTo: offset)
            try journal.append(Array(events[cut...]))
            let loaded = try checkpoint.load(journal)
            XCTAssertTrue(loaded.fromCheckpoint, "cut at \(cut)")
            XCTAssertEqual(try JournalCoding.encoder.encode(loaded.ledger), whole, "checkpoint at event \(cut) + tail")
            // A lost checkpoint is rebuilt from the journal: the same ledger.
            try FileManager.default.removeItem(at: checkpoint.url)
            let rebuilt = try checkpoint.load(journal)
            XCTAssertFalse(rebuilt.fromCheckpoint)
            XCTAssertEqual(try JournalCoding.encoder.encode(rebuilt.ledger), whole, "rebuilt after the cut at \(cut)")
        }
    }
}
