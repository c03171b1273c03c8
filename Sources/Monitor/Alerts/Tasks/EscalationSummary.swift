/// What one escalation step did: decisions taken, notifications queued, and what delivery achieved.
package struct EscalationSummary: Sendable, Codable, Hashable {
    /// Ladder notifications decided this run (overdue and crisis escalations).
    package var escalations = 0
    /// "About to breach" warnings decided this run.
    package var warnings = 0
    /// New outbox items.
    package var queued = 0
    /// Delivered this run.
    package var sent = 0
    /// Attempted and failed this run (they stay pending, retried later with backoff).
    package var failed = 0
    /// Still waiting in the outbox after this run (failed, not yet due, or no server configured).
    package var pending = 0
    /// Interrupted attempts (a run died mid-send): not resent automatically.
    package var uncertain = 0
    /// Problems worth showing, one line each (failures with their reason, repairs, a busy outbox).
    package var notes: [String] = []

    package init() {}

    enum CodingKeys: String, CodingKey {
        case escalations, warnings, queued, sent, failed, pending, uncertain, notes
    }

    package var line: String {
        "escalations \(escalations), warnings \(warnings), queued \(queued), sent \(sent), failed \(failed), "
            + "pending \(pending), uncertain \(uncertain)"
    }
}
