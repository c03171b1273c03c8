import Foundation

/// What a person can do to a task from the command line. There is deliberately no delete: tasks are closed (with
/// the customer's confirmation), never removed, and the journal is never rewritten.
package enum TaskAction: Sendable, Hashable {
    case acknowledge
    case resolve
    case close(confirmed: Bool)
    case reopen
    case note

    /// Parses a command verb; removal verbs (delete, hide, block, report, …) throw `.forbiddenAction`.
    package init?(verb: String) throws(TaskError) {
        switch verb {
        case "ack", "acknowledge": self = .acknowledge
        case "resolve": self = .resolve
        case "close": self = .close(confirmed: false)
        case "reopen": self = .reopen
        case "note": self = .note
        default:
            if let removal = NoDeletionPolicy.removal(asAction: verb) {
                throw .forbiddenAction(action: removal, source: "command '\(verb)'")
            }
            return nil
        }
    }

    package var verb: String {
        switch self {
        case .acknowledge: "ack"
        case .resolve: "resolve"
        case .close: "close"
        case .reopen: "reopen"
        case .note: "note"
        }
    }

    /// The journal event for this action on `task`, or why it cannot be done in the task's state.
    /// `deadline` is the fresh acknowledgement deadline a reopen gets.
    package func event(
        for task: ResponseTask, by person: String, note: String?, now: Date, reopenDeadline: Date
    ) throws(TaskError) -> JournalEvent {
        // A step dated before the task was filed (so before the post was seen) would count as answered in time.
        // (Not "before its latest event": a poll's escalation dated ahead by a what-if would lock people out.)
        if now < task.filedAt { throw .beforeTask(id: task.id, at: now, earliest: task.filedAt, what: "the task was filed") }
        let kind: JournalEvent.Kind
        switch (self, task.state) {
        case (.acknowledge, .filed): kind = .acknowledged
        case (.resolve, .acknowledged): kind = .resolved
        case (.resolve, .filed):
            throw .invalidTransition(
                id: task.id, state: task.state, action: "resolve",
                hint: "acknowledge first (`vigia ack \(task.id)`): the customer must have been told the steps")
        case (.close(let confirmed), .resolved):
            guard confirmed else { throw .needsConfirmation(id: task.id) }
            kind = .closed
        case (.close, _):
            throw .invalidTransition(
                id: task.id, state: task.state, action: "close",
                hint: "only a resolved task can be closed, with the customer's confirmation")
        case (.reopen, .resolved), (.reopen, .closed): kind = .reopened
        case (.note, _): kind = .noted
        default:
            throw .invalidTransition(id: task.id, state: task.state, action: verb, hint: Self.hint(for: task.state))
        }
        guard kind != .noted || !(note ?? "").isEmpty else {
            throw .invalidTransition(id: task.id, state: task.state, action: "note", hint: "give the note with --note TEXT")
        }
        return JournalEvent(
            at: now, kind: kind, taskID: task.id, by: person, note: note,
            deadline: kind == .reopened ? reopenDeadline : nil)
    }

    static func hint(for state: ResponseTask.State) -> String {
        switch state {
        case .filed: "next step: ack"
        case .acknowledged: "next step: resolve"
        case .resolved: "next step: close --confirmed (or reopen)"
        case .closed: "it is closed; reopen it if the customer wrote again"
        }
    }
}
