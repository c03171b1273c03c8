import Foundation

/// Something the team owes a customer or the brand: an answer to a post, a crisis to handle, a broken source to
/// look at. Tasks are never removed: they move through the complaint protocol and end closed (with the
/// customer's confirmation) or stay open. A task's current state is a fold of the journal (`TaskBook`).
package struct ResponseTask: Sendable, Codable, Hashable {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case response
        case crisis
        case sourceHealth = "source_health"
    }

    /// The complaint protocol: filed → acknowledged (the customer was told the steps) → resolved (solution given
    /// or a stated solution deadline) → closed (only with the customer's confirmation); reopened when the customer
    /// writes again, which puts the task back to `filed` with a fresh deadline.
    package enum State: String, Sendable, Codable, CaseIterable {
        case filed
        case acknowledged
        case resolved
        case closed

        /// Still needs someone: not yet resolved.
        package var isOpen: Bool { self == .filed || self == .acknowledged }
    }

    /// Most urgent first when compared: crisis > urgent (legal threat or high reach) > complaint > negative
    /// comment > press > question > praise.
    package enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
        case crisis
        case urgent
        case complaint
        case negative
        case press
        case question
        case praise

        package var rank: Int {
            switch self {
            case .crisis: 0
            case .urgent: 1
            case .complaint: 2
            case .negative: 3
            case .press: 4
            case .question: 5
            case .praise: 6
            }
        }

        /// `a < b` means a is more urgent.
        package static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
    }

    /// A post published well before any feed served it (an old post surfacing in a search, a feed added late):
    /// its deadline counts from discovery, not publication, so it is not "overdue by 739941d" and mailed to every
    /// ladder level on its first poll.
    package struct LateDiscovery: Sendable, Codable, Hashable {
        package var postedAt: Date
        package var discoveredAt: Date

        package init(postedAt: Date, discoveredAt: Date) {
            self.postedAt = postedAt
            self.discoveredAt = discoveredAt
        }

        enum CodingKeys: String, CodingKey {
            case postedAt = "posted_at"
            case discoveredAt = "discovered_at"
        }
    }

    package var id: String
    package var mentionID: String
    package var kind: Kind
    package var state: State
    package var priority: Priority
    package var filedAt: Date
    /// When the customer must have been acknowledged (business hours applied).
    package var deadline: Date
    package var channel: String
    package var author: Author
    package var url: String?
    /// The post, quoted.
    package var text: String
    package var language: String
    /// Why the task exists and why this priority: category ids, sentiment terms, "legal_threat", "reach 25000", ...
    package var reasons: [String]
    package var suggestedReply: String
    /// Tasks of the same customer (same handle or same order number, in any channel) share a thread id.
    package var threadID: String
    /// Hashed identity keys ("handle:…", "order:…") used to link a customer's posts into one thread.
    package var threadKeys: [String]
    /// Steps to tick for a crisis (the crisis protocol); empty for other kinds.
    package var checklist: [String]
    /// Later posts of the same customer that reopened or joined this task.
    package var relatedMentionIDs: [String]
    /// Highest ladder level notified so far (-1: none), and whether the "about to breach" warning went out.
    package var escalationLevel: Int
    package var warned: Bool
    /// Whether the customer confirmed the solution (set by `close --confirmed`).
    package var confirmed: Bool
    package var updatedAt: Date
    /// The last note written on the task, if any.
    package var lastNote: String?
    /// For crisis tasks: the crisis level last reported, or that the episode ended.
    package var crisisLevel: Crisis.Stage?
    /// For crisis tasks: when the people notified were told the crisis ended (optional: absent in older lines).
    package var endNotifiedAt: Date?
    /// For crisis tasks: when a run last changed the crisis level (`crisis_updated`; `nil`: when it was filed).
    package var crisisChangedAt: Date?
    /// Set when the post was discovered late (absent in older lines and for timely posts).
    package var lateDiscovery: LateDiscovery?
    /// For responses: what the post is (absent in lines written before intents).
    package var intent: Intent?
    /// When the first reply went out through the network (`replied`), and where it is: the first response.
    package var repliedAt: Date?
    package var replyURL: String?

    package init(
        id: String, mentionID: String, kind: Kind, state: State = .filed, priority: Priority, filedAt: Date,
        deadline: Date, channel: String, author: Author, url: String?, text: String, language: String,
        reasons: [String], suggestedReply: String, threadID: String, threadKeys: [String] = [],
        checklist: [String] = []
    ) {
        self.id = id
        self.mentionID = mentionID
        self.kind = kind
        self.state = state
        self.priority = priority
        self.filedAt = filedAt
        self.deadline = deadline
        self.channel = channel
        self.author = author
        self.url = url
        self.text = text
        self.language = language
        self.reasons = reasons
        self.suggestedReply = suggestedReply
        self.threadID = threadID
        self.threadKeys = threadKeys
        self.checklist = checklist
        self.relatedMentionIDs = []
        self.escalationLevel = -1
        self.warned = false
        self.confirmed = false
        self.updatedAt = filedAt
        self.lastNote = nil
        self.crisisLevel = nil
        self.endNotifiedAt = nil
        self.intent = nil
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, state, priority, deadline, channel, author, url, text, language, reasons, checklist, warned
        case confirmed
        case mentionID = "mention_id"
        case filedAt = "filed_at"
        case suggestedReply = "suggested_reply"
        case threadID = "thread_id"
        case threadKeys = "thread_keys"
        case relatedMentionIDs = "related_mention_ids"
        case escalationLevel = "escalation_level"
        case updatedAt = "updated_at"
        case lastNote = "last_note"
        case crisisLevel = "crisis_level"
        case endNotifiedAt = "end_notified_at"
        case crisisChangedAt = "crisis_changed_at"
        case lateDiscovery = "late_discovery"
        case intent
        case repliedAt = "replied_at"
        case replyURL = "reply_url"
    }

    /// Seconds until the deadline (negative: overdue by that much). Only meaningful while `state == .filed`.
    package func timeLeft(now: Date) -> TimeInterval { deadline.timeIntervalSince(now) }

    /// Not acknowledged and past its deadline.
    package func isOverdue(now: Date) -> Bool { state == .filed && now >= deadline }

    /// All the mentions this task answers.
    package var allMentionIDs: [String] { [mentionID] + relatedMentionIDs }
}
