import Foundation
import ReputationCore

/// The journal's fold as a long-running Vigía keeps it: the task book of the live tasks, what the report measures
/// about them (`TaskHistory.Aggregates`), the report's slim copies of tasks closed lately, and counts of the rest.
///
/// A year of a busy shop is hundreds of thousands of tasks, nearly all long closed; folding and carrying them all
/// made every poll cost more than the last. So a task closed with the customer's confirmation and untouched for a
/// day (`bookRetention`) leaves the book (the views, the escalation, the filing and the checkpoint no longer carry
/// it): the report window still needs it, so a slim copy stays (its figures, not its post or suggested reply) until
/// it was filed and last touched more than `retention` ago; then it is only counted. A customer writing again after
/// that starts a new task. Retirement runs when the fold reaches a new UTC day, so it depends only on the journal's
/// events and their order: the checkpoint and its tail give the same ledger as one fold of the whole journal. The
/// journal keeps every event; a reader that needs the retired tasks (`vigia alerts --all`, a report over a longer
/// window) folds it whole with `retiring: false`.
package struct TaskLedger: Sendable, Codable {
    package private(set) var book: TaskBook
    private(set) var aggregates: TaskHistory.Aggregates
    /// Slim copies of tasks retired from the book that the report window may still count, oldest retirement first.
    private(set) var recentlyRetired: [RetiredTask] = []
    /// Tasks retired so far (slim copies included), and how many of them are no longer held even slim.
    package private(set) var retired = 0
    package private(set) var retiredClosedConfirmed = 0
    /// Days since 1970 (UTC) of the newest event folded: retirement runs once when it grows.
    private var day: Int?
    let retiring: Bool

    /// A closed task stays in the book this long after its last event (a "thanks, all good" a day later reopens it).
    package static let bookRetention: TimeInterval = 86_400
    /// Longer than the views' report window (7 days), so every task report.html counts is still held, slim or not.
    package static let retention: TimeInterval = 8 * 86_400

    package init(events: [JournalEvent] = [], retiring: Bool = true) {
        book = TaskBook()
        aggregates = TaskHistory.Aggregates()
        self.retiring = retiring
        for event in events { apply(event) }
    }

    enum CodingKeys: String, CodingKey {
        case book, aggregates, retired, day, retiring
        case recentlyRetired = "recently_retired"
        case retiredClosedConfirmed = "retired_closed_confirmed"
    }

    /// The ledger without its book's tasks and its slim copies, for the checkpoint's first line (those follow, one a
    /// line).
    struct Header: Sendable, Codable {
        var book: TaskBook.Index
        var aggregates: TaskHistory.Aggregates
        var retired: Int
        var retiredClosedConfirmed: Int
        var day: Int?
        var retiring: Bool

        enum CodingKeys: String, CodingKey {
            case book, aggregates, retired, day, retiring
            case retiredClosedConfirmed = "retired_closed_confirmed"
        }
    }

    var header: Header {
        Header(
            book: book.index, aggregates: aggregates, retired: retired, retiredClosedConfirmed: retiredClosedConfirmed,
            day: day, retiring: retiring)
    }

    /// The slim copies of tasks retired lately, oldest retirement first.
    var retiredCopies: [RetiredTask] { recentlyRetired }

    /// The ledger of `header` with its book's tasks (in the header's order) and its slim copies.
    init(header: Header, tasks: [ResponseTask], retiredCopies: [RetiredTask]) throws {
        book = try TaskBook(index: header.book, tasks: tasks)
        aggregates = header.aggregates
        recentlyRetired = retiredCopies
        retired = header.retired
        retiredClosedConfirmed = header.retiredClosedConfirmed
        day = header.day
        retiring = header.retiring
    }

    package mutating func apply(_ event: JournalEvent) {
        guard book.apply(event) else { return }
        aggregates.apply(event)
        guard retiring else { return }
        let eventDay = Int((event.at.timeIntervalSince1970 / 86_400).rounded(.down))
        if let day, eventDay <= day { return }
        day = eventDay
        retire(today: Date(timeIntervalSince1970: Double(eventDay) * 86_400))
    }

    private mutating func retire(today: Date) {
        let bookCutoff = today - Self.bookRetention, cutoff = today - Self.retention
        let gone = book.retire { $0.state == .closed && $0.confirmed && $0.updatedAt < bookCutoff }
        retired += gone.count
        recentlyRetired += gone.map { task in
            RetiredTask(task, firstDeadline: aggregates.filedDeadline[task.id], firstResponse: aggregates.firstResponse[task.id])
        }
        aggregates.forgetTimes(Set(gone.map(\.id)))
        aggregates.forgetSteps(before: cutoff)
        let old = recentlyRetired.filter { $0.filedDate < cutoff && $0.updatedDate < cutoff }
        guard !old.isEmpty else { return }
        let ids = Set(old.map(\.id))
        recentlyRetired.removeAll { ids.contains($0.id) }
        retiredClosedConfirmed += old.count
        aggregates.remove(ids)
    }
}
