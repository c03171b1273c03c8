import Foundation

/// A notification to deliver: one journal event (a warning, an escalation) to one target. Its id is stable per
/// event and target, so recomputing the same decision after a crash yields the same outbox item and Message-ID.
package struct Notice: Sendable, Codable, Hashable {
    package enum Channel: String, Sendable, Codable { case email, webhook, command }

    package var id: String
    package var eventID: String
    package var taskID: String
    package var channel: Channel
    /// The email address, or the configured webhook / command name.
    package var target: String
    package var subject: String
    package var body: String
    /// Structured fields for webhooks and command hooks.
    package var fields: [String: String]
    package var createdAt: Date
    /// For a digest: the ids of the single notices it stands for (absent for a single notice).
    package var covers: [String]?

    package init(
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
