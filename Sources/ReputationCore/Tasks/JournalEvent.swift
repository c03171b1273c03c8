import Foundation

/// One line of `alerts/journal.jsonl`: something that happened to a task, when, by whom, with a note.
/// The journal is append-only and the single source of truth: `TaskBook` folds it into current state.
package struct JournalEvent: Sendable, Codable, Hashable {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case filed
        case acknowledged
        case resolved
        case closed
        case reopened
        case noted
        /// A ladder level was notified because the task was overdue (or a crisis called for it).
        case escalated
        /// The "about to breach" warning was sent.
        case warned
        /// A crisis task's crisis changed level or ended.
        case crisisUpdated = "crisis_updated"
        case notificationSent = "notification_sent"
        case notificationFailed = "notification_failed"
        /// A send was interrupted (crash between attempt and mark): it may or may not have arrived, and is not
        /// sent again (at-most-once, see `Outbox`).
        case notificationUncertain = "notification_uncertain"
        /// A reply is about to be posted through the network (written before the call, see `ReplyRecord`).
        case replyIntent = "reply_intent"
        /// The reply was posted (or found on the network after a crash): the task is acknowledged.
        case replied
    }

    /// Stable id of the event (derived from its content), used for notification Message-IDs.
    package var id: String
    package var at: Date
    package var kind: Kind
    package var taskID: String
    /// Who did it: a person (`--by`, else $USER) or "vigia" for automatic steps.
    package var by: String
    package var note: String?
    /// The task as filed (only on `filed`).
    package var task: ResponseTask?
    /// The new post that reopened or joined the task (on `reopened`).
    package var mentionID: String?
    /// The new acknowledgement deadline (on `reopened`, `crisis_updated`).
    package var deadline: Date?
    /// The ladder level notified (on `escalated`, `warned`).
    package var level: Int?
    /// The outbox item concerned (on `notification_*`).
    package var notificationID: String?
    /// Extra detail: a crisis level, an error message, a recipient.
    package var detail: String?
    /// Customer identity keys the new post brought (on `reopened`), so later posts with them join the thread.
    package var threadKeys: [String]?
    /// The wall-clock time the event was written, beside `at` (the time it states, which `--now` sets): a
    /// back-dated or replayed step stays visible. Absent in journals written before it was kept.
    package var recordedAt: Date?
    /// The reply concerned (on `reply_intent`, `replied`).
    package var reply: ReplyRecord?

    package init(
        at: Date, kind: Kind, taskID: String, by: String = "vigia", note: String? = nil, task: ResponseTask? = nil,
        mentionID: String? = nil, deadline: Date? = nil, level: Int? = nil, notificationID: String? = nil,
        detail: String? = nil, identity: String? = nil
    ) {
        self.at = at
        self.kind = kind
        self.taskID = taskID
        self.by = by
        self.note = note
        self.task = task
        self.mentionID = mentionID
        self.deadline = deadline
        self.level = level
        self.notificationID = notificationID
        self.detail = detail
        let fields = [
            kind.rawValue, taskID, "\(at.timeIntervalSince1970)", mentionID ?? "", level.map(String.init) ?? "",
            notificationID ?? "", detail ?? "", note ?? "", by,
        ]
        // Decisions that may be recomputed after a crash (escalations) pass an identity without the time, so the
        // recomputed event and its notifications get the same ids as the lost ones.
        self.id = "e-" + StableHash.hex(of: identity ?? fields.joined(separator: "\u{1F}"))
    }

    enum CodingKeys: String, CodingKey {
        case id, at, kind, by, note, task, deadline, level, detail, reply
        case taskID = "task_id"
        case threadKeys = "thread_keys"
        case recordedAt = "recorded_at"
        case mentionID = "mention_id"
        case notificationID = "notification_id"
    }
}
