import Foundation
import ReputationCore

/// The journal as the views need it: the tasks' current state from the tasks engine's fold (`TaskBook`), plus what
/// the report measures and the book does not keep: the deadline each task was filed with, its first response (the
/// first `replied` event; the first acknowledgement for tasks answered outside Vigía), who replied and closed, and a
/// crisis task's level changes.
struct TaskHistory: Sendable {
    /// One step of a crisis timeline: when it was filed or its level changed, and what the detector said.
    struct CrisisStep: Sendable, Hashable {
        var at: Date
        /// `nil`: a step whose level is not known (shown as "filed" or "updated").
        var stage: ReputationCore.Crisis.Stage?
        var label: String
        var note: String?
    }

    /// Someone's step on a task (`replied`, `closed`): who, when. The per-person table counts them.
    struct Step: Sendable, Hashable {
        var at: Date
        var by: String
        var taskID: String
    }

    /// A task's first response and how it is known.
    struct FirstResponse: Sendable, Hashable {
        enum Basis: String, Sendable, Hashable {
            /// A reply sent through Vigía (`replied`): the time it went out.
            case reply
            /// Answered outside Vigía: the first acknowledgement (or resolution, or closing) recorded.
            case acknowledgement
        }
        var at: Date
        var by: String
        var basis: Basis
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

    let book: TaskBook
    /// Every task, in filing order.
    let records: [Record]
    /// Every reply sent through Vigía, and every closing (always with the customer's confirmation), in journal order.
    let replies: [Step]
    let closings: [Step]

    /// `book`: the fold of `events` when the caller holds it already (a poll's journal snapshot), else folded here.
    init(events: [JournalEvent], book: TaskBook? = nil) {
        self.book = book ?? TaskBook(events: events)
        var firstReply: [String: FirstResponse] = [:]
        var firstAcknowledgement: [String: FirstResponse] = [:]
        var steps: [String: [CrisisStep]] = [:]
        var replies: [Step] = []
        var closings: [Step] = []
        var seen: Set<String> = []
        // Same tolerance as the book: an event seen twice counts once.
        for event in events where seen.insert(event.id).inserted {
            let step = FirstResponse(at: event.at, by: event.by, basis: event.kind == .replied ? .reply : .acknowledgement)
            switch event.kind {
            case .replied:
                replies.append(Step(at: event.at, by: event.by, taskID: event.taskID))
                if (firstReply[event.taskID]?.at ?? .distantFuture) > event.at { firstReply[event.taskID] = step }
            case .acknowledged, .resolved, .closed:
                if event.kind == .closed { closings.append(Step(at: event.at, by: event.by, taskID: event.taskID)) }
                if (firstAcknowledgement[event.taskID]?.at ?? .distantFuture) > event.at {
                    firstAcknowledgement[event.taskID] = step
                }
            case .filed:
                guard let task = event.task, task.kind == .crisis, steps[task.id] == nil else { continue }
                steps[task.id] = [CrisisStep(at: event.at, stage: task.crisisLevel,
                                             label: task.crisisLevel?.rawValue ?? "filed", note: task.text)]
            case .crisisUpdated:
                steps[event.taskID, default: []].append(
                    CrisisStep(at: event.at, stage: event.detail.flatMap(ReputationCore.Crisis.Stage.init(rawValue:)),
                               label: event.detail ?? "updated", note: event.note))
            default:
                continue
            }
        }
        var filedDeadline: [String: Date] = [:]
        for event in events where event.kind == .filed {
            if let task = event.task, filedDeadline[task.id] == nil { filedDeadline[task.id] = task.deadline }
        }
        records = self.book.tasks.map { task in
            Record(
                task: task, firstDeadline: filedDeadline[task.id] ?? task.deadline,
                firstResponse: firstReply[task.id] ?? firstAcknowledgement[task.id],
                crisisSteps: steps[task.id] ?? [])
        }
        self.replies = replies
        self.closings = closings
    }

    /// Open tasks in the book's order: unacknowledged by deadline (so overdue first), then acknowledged ones.
    func open(now: Date) -> [ResponseTask] { book.open(now: now) }
}
