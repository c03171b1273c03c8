import Foundation
import ReputationCore

/// The journal folded into what the views need: each task's current state, plus the moments the report measures
/// (first response, closing) and a crisis task's level changes. Tasks keep their filing order.
struct TaskHistory: Sendable {
    /// One step of a crisis timeline: when its level changed (or it was filed) and what the journal said.
    struct CrisisStep: Sendable, Codable, Hashable {
        var at: Date
        var level: String
        var note: String?
    }

    struct Record: Sendable {
        var task: ResponseTask
        /// The deadline the task was filed with: SLA compliance is judged against it, not a reopened one.
        var firstDeadline: Date
        /// First acknowledged, resolved or closed event: the team's first response.
        var firstResponseAt: Date?
        var closedAt: Date?
        var crisisSteps: [CrisisStep]
    }

    private(set) var records: [Record] = []

    init(events: [JournalEvent]) {
        var index: [String: Int] = [:]
        for event in events {
            if event.kind == .filed {
                guard let task = event.task, index[event.taskID] == nil else { continue }
                index[event.taskID] = records.count
                let step = task.kind == .crisis ? [CrisisStep(at: event.at, level: task.crisisLevel ?? "filed", note: task.text)] : []
                records.append(Record(task: task, firstDeadline: task.deadline, crisisSteps: step))
            } else if let position = index[event.taskID] {
                Self.apply(event, to: &records[position])
            }
        }
    }

    /// Tasks still needing someone (filed or acknowledged).
    var open: [Record] { records.filter { $0.task.state.isOpen } }

    private static func apply(_ event: JournalEvent, to record: inout Record) {
        record.task.updatedAt = event.at
        switch event.kind {
        case .acknowledged:
            record.task.state = .acknowledged
            record.firstResponseAt = record.firstResponseAt ?? event.at
        case .resolved:
            record.task.state = .resolved
            record.firstResponseAt = record.firstResponseAt ?? event.at
        case .closed:
            record.task.state = .closed
            record.task.confirmed = isConfirmation(event)
            record.firstResponseAt = record.firstResponseAt ?? event.at
            record.closedAt = event.at
        case .reopened:
            record.task.state = .filed
            record.task.confirmed = false
            record.closedAt = nil
            if let deadline = event.deadline { record.task.deadline = deadline }
            if let mention = event.mentionID, !record.task.relatedMentionIDs.contains(mention) {
                record.task.relatedMentionIDs.append(mention)
            }
        case .escalated:
            record.task.escalationLevel = max(record.task.escalationLevel, event.level ?? record.task.escalationLevel)
        case .warned:
            record.task.warned = true
        case .crisisUpdated:
            record.task.crisisLevel = event.detail ?? record.task.crisisLevel
            if let deadline = event.deadline { record.task.deadline = deadline }
            record.crisisSteps.append(CrisisStep(at: event.at, level: event.detail ?? "updated", note: event.note))
        case .filed, .noted, .notificationSent, .notificationFailed, .notificationUncertain:
            break
        }
        if let note = event.note, event.kind != .crisisUpdated { record.task.lastNote = note }
    }

    /// `close --confirmed` records the customer's confirmation; the journal marks it in `detail`.
    private static func isConfirmation(_ event: JournalEvent) -> Bool {
        event.detail == "confirmed"
    }
}
