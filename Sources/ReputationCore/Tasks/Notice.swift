import Foundation

/// A notification to deliver: one journal event (a warning, an escalation) to one target. Its id is stable per
/// event and target, so recomputing the same decision after a crash yields the same outbox item and Message-ID.
public struct Notice: Sendable, Codable, Hashable {
    public enum Channel: String, Sendable, Codable { case email, webhook, command }

    public var id: String
    public var eventID: String
    public var taskID: String
    public var channel: Channel
    /// The email address, or the configured webhook / command name.
    public var target: String
    public var subject: String
    public var body: String
    /// Structured fields for webhooks and command hooks.
    public var fields: [String: String]
    public var createdAt: Date
    /// For a digest: the ids of the single notices it stands for (absent for a single notice).
    public var covers: [String]?

    public init(
        eventID: String, taskID: String, channel: Channel, target: String, subject: String, body: String,
        fields: [String: String], createdAt: Date
    ) {
        self.id = "n-" + StableHash.hex(of: eventID + "\u{1F}" + channel.rawValue + "\u{1F}" + target)
        self.eventID = eventID
        self.taskID = taskID
        self.channel = channel
        self.target = target
        self.subject = subject
        self.body = body
        self.fields = fields
        self.createdAt = createdAt
        self.covers = nil
    }

    enum CodingKeys: String, CodingKey {
        case id, channel, target, subject, body, fields, covers
        case eventID = "event_id"
        case taskID = "task_id"
        case createdAt = "created_at"
    }
}
