import Foundation
import ReputationCore

/// One notification in `alerts/outbox/`: written before any attempt, rewritten (atomically) around each attempt.
///
/// States: `pending` (waiting, maybe after failures, until `nextAttemptAt`), `sending` (an attempt started and has
/// not been marked — if a run finds this, that run died mid-attempt), `sent`, `uncertain` (an interrupted attempt:
/// never retried automatically, see `Outbox`).
package struct OutboxItem: Sendable, Codable, Hashable {
    package enum State: String, Sendable, Codable { case pending, sending, sent, uncertain }

    package var notice: Notice
    package var state: State
    package var attempts: Int
    package var nextAttemptAt: Date
    package var lastError: String?
    package var attemptStartedAt: Date?
    package var sentAt: Date?

    package init(notice: Notice) {
        self.notice = notice
        state = .pending
        attempts = 0
        nextAttemptAt = notice.createdAt
        lastError = nil
        attemptStartedAt = nil
        sentAt = nil
    }

    package var id: String { notice.id }

    /// Stable per event and recipient: the receiving side can recognise a message it already has.
    package var messageID: String { "vigia-\(notice.id)@vigia.invalid" }

    enum CodingKeys: String, CodingKey {
        case notice, state, attempts
        case nextAttemptAt = "next_attempt_at"
        case lastError = "last_error"
        case attemptStartedAt = "attempt_started_at"
        case sentAt = "sent_at"
    }

    /// What a person reads in `<id>.txt` beside the item: the message as it will be (or was) delivered.
    package var readableText: String {
        """
        To: \(notice.channel.rawValue) \(notice.target)
        Subject: \(notice.subject)
        Message-ID: <\(messageID)>
        Task: \(notice.taskID)   Event: \(notice.eventID)

        \(notice.body)
        """
    }
}
