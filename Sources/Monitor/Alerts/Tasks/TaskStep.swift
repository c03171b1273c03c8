import ReputationCore

/// What became of one id named in a task command (`vigia ack ID…`).
package enum TaskStep: Sendable {
    /// The step was taken: this event is in the journal.
    case recorded(JournalEvent)
    /// Unknown id, or a step the protocol refuses for the task's state; nothing recorded for it.
    case refused(id: String, TaskError)
    /// The task was already named earlier in the same command: recorded once.
    case repeated(id: String, taskID: String)

    package var event: JournalEvent? {
        if case let .recorded(event) = self { return event }
        return nil
    }
}
