import Foundation

/// What `vigia report` says about a window: volumes, sentiment, complaints, crises, response times, task counts and
/// the labelled estimates. Plain values, computed by `Report.build` and rendered as text, JSON or HTML.
public struct Report: Sendable, Codable, Equatable {
    public struct DayVolume: Sendable, Codable, Equatable {
        /// Day in the configured time zone, "2026-11-23".
        public var day: String
        public var start: Date
        public var total: Int
        public var negative: Int
        public var positive: Int
        /// Negative share of the day's mentions, 0…100 (0 when there were none). Stored so JSON carries it.
        public var negativeShare: Double
    }

    public struct ChannelVolume: Sendable, Codable, Equatable {
        public var channel: String
        public var total: Int
        public var negative: Int
    }

    public struct SentimentSplit: Sendable, Codable, Equatable {
        public var positive: Int
        public var neutral: Int
        public var negative: Int
        /// (positive − negative) / total × 100, rounded; nil when there are no mentions.
        public var netScore: Int?
    }

    /// What the window's mentions were, per intent: how many, how many got a task, how many were answered.
    public struct IntentCount: Sendable, Codable, Equatable {
        public var intent: String
        public var mentions: Int
        public var tasks: Int
        public var answered: Int
    }

    /// A post quoted as an example. The text is raw: every renderer escapes it.
    public struct Example: Sendable, Codable, Equatable {
        public var author: String
        public var channel: String
        public var text: String
        public var url: String?
        public var postedAt: Date
    }

    public struct Category: Sendable, Codable, Equatable {
        public enum Trend: String, Sendable, Codable { case rising, falling, steady }
        public var id: String
        public var count: Int
        /// Mentions in the earlier and the later half of the window: the trend compares them.
        public var earlierHalf: Int
        public var laterHalf: Int
        public var trend: Trend
        public var examples: [Example]
    }

    public struct Crisis: Sendable, Codable, Equatable {
        public struct Step: Sendable, Codable, Equatable {
            public var at: Date
            public var level: String
            public var note: String?
        }
        public var taskID: String
        public var summary: String
        public var startedAt: Date
        /// When the crisis ended; nil while it goes on.
        public var endedAt: Date?
        public var highestLevel: String
        public var state: String
        public var timeline: [Step]
    }

    public struct Response: Sendable, Codable, Equatable {
        public var priority: String
        /// Allowed time to first response by policy.
        public var slaSeconds: Double
        public var tasks: Int
        public var responded: Int
        public var medianSeconds: Double?
        public var p90Seconds: Double?
        public var withinSLA: Int
        /// Answered late, or still unanswered past the deadline.
        public var breached: Int
        /// withinSLA / (withinSLA + breached) × 100; nil when no task is due yet.
        public var compliance: Double?
    }

    public struct TaskCounts: Sendable, Codable, Equatable {
        public var open: Int
        public var overdue: Int
        public var resolved: Int
        /// Closing needs the customer's confirmation (`close --confirmed`), so every closed task counts here.
        public var closedConfirmed: Int
    }

    /// Rules of thumb from customer-service research, labelled as estimates wherever shown.
    public struct Estimates: Sendable, Codable, Equatable {
        public static let silentPerComplaint = 20
        public static let toldByUnhappy = 11
        public static let toldByHappy = 3
        public var visibleComplaints: Int
        public var silentComplainers: Int
        public var unhappyAuthors: Int
        public var happyAuthors: Int
        public var wordOfMouthReach: Int
        public var note: String
    }

    public var brand: String
    public var generatedAt: Date
    public var windowStart: Date
    public var timeZone: String
    public var mentions: Int
    public var days: [DayVolume]
    public var channels: [ChannelVolume]
    public var sentiment: SentimentSplit
    /// Complaints, questions, praise, press and other, in that order.
    public var intents: [IntentCount]
    public var categories: [Category]
    public var crises: [Crisis]
    public var responses: [Response]
    /// How first-response time is measured, stated in every rendering.
    public var responseTimeBasis: String
    public var tasks: TaskCounts
    /// Posts deleted, hidden or blocked: always zero, because Vigía has no such action. Stated, not implied.
    public var deletions: Int
    public var estimates: Estimates
}
