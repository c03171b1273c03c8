/// The counts `vigia poll --json` prints (the CLI contract's keys).
package struct PollSummary: Sendable, Codable, Equatable {
    package var feeds = 0
    package var polled = 0
    package var notModified = 0
    package var failed = 0
    package var items = 0
    package var newMentions = 0
    package var negative = 0
    package var tasksFiled = 0
    package var crises = 0
    package var escalations = 0
    /// Mentions recovered from a run that was interrupted before it finished processing them.
    package var recovered = 0

    enum CodingKeys: String, CodingKey {
        case feeds, polled, failed, items, negative, crises, escalations, recovered
        case notModified = "not_modified"
        case newMentions = "new_mentions"
        case tasksFiled = "tasks_filed"
    }

    package var line: String {
        "feeds \(feeds), polled \(polled), not modified \(notModified), failed \(failed), items \(items), "
            + "new mentions \(newMentions) (\(negative) negative), tasks filed \(tasksFiled), crises \(crises), "
            + "escalations \(escalations)" + (recovered > 0 ? ", recovered \(recovered)" : "")
    }
}
