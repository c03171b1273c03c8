/// The counts `vigia poll --json` prints (the CLI contract's keys).
public struct PollSummary: Sendable, Codable, Equatable {
    public var feeds = 0
    public var polled = 0
    public var notModified = 0
    public var failed = 0
    public var items = 0
    public var newMentions = 0
    public var negative = 0
    public var tasksFiled = 0
    public var crises = 0
    public var escalations = 0
    /// Mentions recovered from a run that was interrupted before it finished processing them.
    public var recovered = 0

    enum CodingKeys: String, CodingKey {
        case feeds, polled, failed, items, negative, crises, escalations, recovered
        case notModified = "not_modified"
        case newMentions = "new_mentions"
        case tasksFiled = "tasks_filed"
    }

    public var line: String {
        "feeds \(feeds), polled \(polled), not modified \(notModified), failed \(failed), items \(items), "
            + "new mentions \(newMentions) (\(negative) negative), tasks filed \(tasksFiled), crises \(crises), "
            + "escalations \(escalations)" + (recovered > 0 ? ", recovered \(recovered)" : "")
    }
}
