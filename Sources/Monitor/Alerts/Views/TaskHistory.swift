import Foundation
import ReputationCore

/// The journal as the views need it: the tasks' current state from the tasks engine's fold (`TaskBook`), plus what
/// the report measures and the book does not keep: the deadline each task was filed with, its first response (the
/// first `replied` event; the first acknowledgement for tasks answered outside Vigía), who replied and closed, and a
/// crisis task's level changes.
struct TaskHistory: Sendable {
    /// One step of a crisis timeline: when it was filed or its level changed, and what the detector said.
    struct CrisisStep: Sendable, Hashable, Codable {
        var at: Date
        /// `nil`: a step whose level is not known (shown as "filed" or "updated").
        var stage: ReputationCore.Crisis.Stage?
        var label: String
        var note: String?
    }

    /// Someone's step on a task (`replied`, `closed`): who, when. The per-person table counts them.
    struct Step: Sendable, Hashable, Codable {
        var at: Date
        var by: String
        var taskID: String

        init(at: Date, by: String, taskID: String) {
            self.at = at
            self.by = by
            self.taskID = taskID
        }

        // A checkpoint holds a week of them: stored as [seconds since 1970, by, task id], an array being far cheaper
        // to decode than a keyed object with a formatted time. Seconds hold a journal time (whole milliseconds) exactly.
        func encode(to encoder: Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(at.timeIntervalSince1970)
            try row.encode(by)
            try row.encode(taskID)
        }

        init(from decoder: Decoder) throws {
            var row = try decoder.unkeyedContainer()
            at = Date(timeIntervalSince1970: try row.decode(Double.self))
            by = try row.decode(String.self)
            taskID = try row.decode(String.self)
        }
    }

    /// A task's first response and how it is known.
    struct FirstResponse: Sendable, Hashable, Codable {
        enum Basis: String, Sendable, Hashable, Codable {
            /// A reply sent through Vigía (`replied`): the time it went out.
            case reply
            /// Answered outside Vigía: the first acknowledgement (or resolution, or closing) recorded.
            case acknowledgement
        }
        var at: Date
        var by: String
        var basis: Basis

        /// Whether this response replaces `other` as the task's first: a reply through Vigía is the first response
        /// whenever there is one; among responses of one basis, the earliest.
        func supersedes(_ other: FirstResponse?) -> Bool {
            guard let other else { return true }
            if basis != other.basis { return basis == .reply }
            return at < other.at
        }
    }

    struct Record: Sendable {
        var task: ResponseTask
        /// The deadline the task was filed with: SLA compliance is judged against it, not a reopened one.
        var firstDeadline: Date
        /// The team's first response: the first reply sent through Vigía, else the first acknowledgement.
        var firstResponse: FirstResponse?
        var crisisSteps: [CrisisStep]

        var firstResponseAt: Date? { firstResponse?.at }
    }

    /// What the report measures beyond the book, folded event by event (so a checkpoint can keep it, see
    /// `TaskLedger`), keyed by task id.
    struct Aggregates: Sendable, Codable, Equatable {
        var firstResponse: [String: FirstResponse] = [:]
        var crisisSteps: [String: [CrisisStep]] = [:]
        var filedDeadline: [String: Date] = [:]
        /// Replies sent through Vigía and closings (always with the customer's confirmation), in journal order: the
        /// per-person table. A ledger keeps those of its retention only (`forgetSteps(before:)`).
        var replies: [Step] = []
        var closings: [Step] = []

        enum CodingKeys: String, CodingKey {
            case replies, closings
            case firstResponse = "first_response", crisisSteps = "crisis_steps", filedDeadline = "filed_deadline"
        }

        /// Folds one event the book has not seen before (the book's tolerance: an event seen twice counts once).
        mutating func apply(_ event: JournalEvent) {
            switch event.kind {
            case .replied:
                replies.append(Step(at: event.at, by: event.by, taskID: event.taskID))
                noteResponse(event, basis: .reply)
            case .acknowledged, .resolved, .closed:
                if event.kind == .closed { closings.append(Step(at: event.at, by: event.by, taskID: event.taskID)) }
                noteResponse(event, basis: .acknowledgement)
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

        private mutating func noteResponse(_ event: JournalEvent, basis: FirstResponse.Basis) {
            let response = FirstResponse(at: event.at, by: event.by, basis: basis)
            if response.supersedes(firstResponse[event.taskID]) { firstResponse[event.taskID] = response }
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
            forgetTimes(ids)
            for id in ids { crisisSteps[id] = nil }
        }

        /// Forgets the people's steps older than `cutoff` (outside any window the ledger serves).
        mutating func forgetSteps(before cutoff: Date) {
            replies.removeAll { $0.at < cutoff }
            closings.removeAll { $0.at < cutoff }
        }
    }

    let book: TaskBook
    /// Every task, in filing order (from a ledger: the live ones and slim copies of those closed lately).
    let records: [Record]
    /// Every reply sent through Vigía, and every closing, in journal order (from a ledger: those of its retention).
    let replies: [Step]
    let closings: [Step]
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
        replies = aggregates.replies
        closings = aggregates.closings
        let live = book.tasks.map { task in
            Record(
                task: task, firstDeadline: aggregates.filedDeadline[task.id] ?? task.deadline,
                firstResponse: aggregates.firstResponse[task.id],
                crisisSteps: aggregates.crisisSteps[task.id] ?? [])
        }
        let retired = retiredCopies.compactMap { copy in
            copy.task.map { task in
                Record(
                    task: task, firstDeadline: copy.firstDeadline.map(Date.init(timeIntervalSince1970:)) ?? task.deadline,
                    firstResponse: copy.firstResponseRecord,
                    crisisSteps: aggregates.crisisSteps[task.id] ?? [])
            }
        }
        records = retired.isEmpty ? live : (retired + live).sorted { $0.task.filedAt < $1.task.filedAt }
    }

    /// Open tasks in the book's order: unacknowledged by deadline (so overdue first), then acknowledged ones.
    func open(now: Date) -> [ResponseTask] { book.open(now: now) }
}
