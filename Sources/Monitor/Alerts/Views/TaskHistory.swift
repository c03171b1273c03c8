import Foundation
import ReputationCore

/// The journal as the views need it: the tasks' current state from the tasks engine's fold (`TaskBook`), plus what
/// the report measures and the book does not keep: the deadline each task was filed with, its first response, and
/// a crisis task's level changes.
struct TaskHistory: Sendable {
    /// One step of a crisis timeline: when it was filed or its level changed, and what the detector said.
    struct CrisisStep: Sendable, Hashable {
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

    let book: TaskBook
    /// Every task, in filing order.
    let records: [Record]

    /// `book`: the fold of `events` when the caller holds it already (a poll's journal snapshot), else folded here.
    init(events: [JournalEvent], book: TaskBook? = nil) {
        self.book = book ?? TaskBook(events: events)
        var firstResponse: [String: Date] = [:]
        var steps: [String: [CrisisStep]] = [:]
        var seen: Set<String> = []
        // Same tolerance as the book: an event seen twice counts once.
        for event in events where seen.insert(event.id).inserted {
            switch event.kind {
            case .acknowledged, .resolved, .closed:
                firstResponse[event.taskID] = min(firstResponse[event.taskID] ?? event.at, event.at)
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
                firstResponseAt: firstResponse[task.id],
                crisisSteps: steps[task.id] ?? [])
        }
    }

    /// Open tasks in the book's order: unacknowledged by deadline (so overdue first), then acknowledged ones.
    func open(now: Date) -> [ResponseTask] { book.open(now: now) }
}
