import Foundation
import ReputationCore

/// The journal's fold as a long-running Vigía keeps it: the task book of the live tasks, what the report measures
/// about them (`TaskHistory.Aggregates`), and counts of the tasks retired.
///
/// A year of a busy shop is hundreds of thousands of tasks, nearly all long closed; folding and carrying them all
/// made every poll cost more than the last. A task closed with the customer's confirmation, filed and last touched
/// more than `retention` before the day of the newest event folded, is retired: it leaves the book (so the views,
/// the escalation and the checkpoint no longer carry it) and is counted. Retirement runs when the fold reaches a new
/// UTC day, so it depends only on the journal's events and their order: the checkpoint and its tail give the same
/// ledger as one fold of the whole journal. The journal keeps every event; a reader that needs the retired tasks
/// (`vigia alerts --all`, a report over a longer window) folds it whole with `retiring: false`.
package struct TaskLedger: Sendable, Codable {
    package private(set) var book: TaskBook
    private(set) var aggregates: TaskHistory.Aggregates
    /// Tasks retired so far, and how many of them were closed with the customer's confirmation (all of them).
    package private(set) var retired = 0
    package private(set) var retiredClosedConfirmed = 0
    /// Days since 1970 (UTC) of the newest event folded: retirement runs once when it grows.
    private var day: Int?
    let retiring: Bool

    /// Longer than the views' report window (7 days), so every task report.html counts is still held.
    package static let retention: TimeInterval = 8 * 86_400

    package init(events: [JournalEvent] = [], retiring: Bool = true) {
        book = TaskBook()
        aggregates = TaskHistory.Aggregates()
        self.retiring = retiring
        for event in events { apply(event) }
    }

    enum CodingKeys: String, CodingKey {
        case book, aggregates, retired, day, retiring
        case retiredClosedConfirmed = "retired_closed_confirmed"
    }

    package mutating func apply(_ event: JournalEvent) {
        guard book.apply(event) else { return }
        aggregates.apply(event)
        guard retiring else { return }
        let eventDay = Int((event.at.timeIntervalSince1970 / 86_400).rounded(.down))
        if let day, eventDay <= day { return }
        day = eventDay
        retire(before: Date(timeIntervalSince1970: Double(eventDay) * 86_400 - Self.retention))
    }

    private mutating func retire(before cutoff: Date) {
        let gone = book.retire { task in
            task.state == .closed && task.confirmed && task.filedAt < cutoff && task.updatedAt < cutoff
        }
        guard !gone.isEmpty else { return }
        retired += gone.count
        retiredClosedConfirmed += gone.count
        aggregates.remove(Set(gone.map(\.id)))
    }
}
