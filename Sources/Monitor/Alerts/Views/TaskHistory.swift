import Foundation
import ReputationCore

/// The journal as the views need it: the tasks' current state from the tasks engine's fold (`TaskBook`), plus what
/// the report measures and the book does not keep: the deadline each task was filed with, its first response, and
/// a crisis task's level changes.
struct TaskHistory: Sendable {
    /// One step of a crisis timeline: when it was filed or its level changed, and what the detector said.
    struct CrisisStep: Sendable, Hashable, Codable {
        var at: Date
        /// `nil`: a step whose level is not known (shown as "filed" or "updated").
        var stage: ReputationCore.Crisis.Stage?
        var label: String
        var note: String?
    }

    struct Record: Sendable {
        var task: ResponseTask
        /// The deadline the task was filed with: SLA compliance is judged against it, not a reopened one.
        var firstDeadline: Date
        /// First acknowledged, resolved or closed event: the team's first response.
        var firstResponseAt: Date?
        var crisisSteps: [CrisisStep]
    }

    /// What the report measures beyond the book, folded event by event (so a checkpoint can keep it, see
    /// `TaskLedger`), keyed by task id.
    struct Aggregates: Sendable, Codable, Equatable {
        var firstResponse: [String: Date] = [:]
        var crisisSteps: [String: [CrisisStep]] = [:]
        var filedDeadline: [String: Date] = [:]

        enum CodingKeys: String, CodingKey {
            case firstResponse = "first_response", crisisSteps = "crisis_steps", filedDeadline = "filed_deadline"
        }

        /// Folds one event the book has not seen before (the book's tolerance: an event seen twice counts once).
        mutating func apply(_ event: JournalEvent) {
            switch event.kind {
            case .acknowledged, .resolved, .closed:
                firstResponse[event.taskID] = min(firstResponse[event.taskID] ?? event.at, event.at)
            case .filed:
                guard let task = event.task, filedDeadline[task.id] == nil else { return }
                filedDeadline[task.id] = task.deadline
                guard task.kind == .crisis, crisisSteps[task.id] == nil else { return }
                crisisSteps[task.id] = [CrisisStep(at: event.at, stage: task.crisisLevel,
                                                   label: task.crisisLevel?.rawValue ?? "filed", note: task.text)]
            case .crisisUpdated:
                crisisSteps[event.taskID, default: []].append(
                    CrisisStep(at: event.at, stage: event.detail.flatMap(ReputationCore.Crisis.Stage.init(rawValue:)),
                               label: event.detail ?? "updated", note: event.note))
            default:
                return
            }
        }

        /// Forgets the times of tasks retired from the book (their `RetiredTask` copies keep them).
        mutating func forgetTimes(_ ids: Set<String>) {
            for id in ids {
                firstResponse[id] = nil
                filedDeadline[id] = nil
            }
        }

        /// Forgets retired tasks.
        mutating func remove(_ ids: Set<String>) {
            for id in ids {
                firstResponse[id] = nil
                crisisSteps[id] = nil
                filedDeadline[id] = nil
            }
        }
    }

    let book: TaskBook
    /// Every task, in filing order (from a ledger: the live ones and slim copies of those closed lately).
    let records: [Record]
    /// Tasks closed with the customer's confirmation that a long-running fold no longer holds (`TaskLedger`).
    let retiredClosedConfirmed: Int

    /// From the ledger a poll or a checkpoint holds: the tasks still live, the slim copies of those closed lately,
    /// and counts of those retired before.
    init(ledger: TaskLedger) {
        self.init(book: ledger.book, retiredCopies: ledger.recentlyRetired, aggregates: ledger.aggregates,
                  retiredClosedConfirmed: ledger.retiredClosedConfirmed)
    }

    /// From the whole journal, every task kept.
    init(events: [JournalEvent]) {
        self.init(ledger: TaskLedger(events: events, retiring: false))
    }

    private init(book: TaskBook, retiredCopies: [RetiredTask], aggregates: Aggregates, retiredClosedConfirmed: Int) {
        self.book = book
        self.retiredClosedConfirmed = retiredClosedConfirmed
        let live = book.tasks.map { task in
            Record(
                task: task, firstDeadline: aggregates.filedDeadline[task.id] ?? task.deadline,
                firstResponseAt: aggregates.firstResponse[task.id],
                crisisSteps: aggregates.crisisSteps[task.id] ?? [])
        }
        let retired = retiredCopies.compactMap { copy in
            copy.task.map { task in
                Record(
                    task: task, firstDeadline: copy.firstDeadline.map(Date.init(timeIntervalSince1970:)) ?? task.deadline,
                    firstResponseAt: copy.firstResponse.map(Date.init(timeIntervalSince1970:)),
                    crisisSteps: aggregates.crisisSteps[task.id] ?? [])
            }
        }
        records = retired.isEmpty ? live : (retired + live).sorted { $0.task.filedAt < $1.task.filedAt }
    }

    /// Open tasks in the book's order: unacknowledged by deadline (so overdue first), then acknowledged ones.
    func open(now: Date) -> [ResponseTask] { book.open(now: now) }
}
