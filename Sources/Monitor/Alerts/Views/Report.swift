import Foundation

/// What `vigia report` says about a window: volumes, sentiment, complaints, crises, response times, task counts and
/// the labelled estimates. Plain values, computed by `Report.build` and rendered as text, JSON or HTML.
package struct Report: Sendable, Codable, Equatable {
    package struct DayVolume: Sendable, Codable, Equatable {
        /// Day in the configured time zone, "2026-11-23".
        package var day: String
        package var start: Date
        package var total: Int
        package var negative: Int
        package var positive: Int
        /// Negative share of the day's mentions, 0…100 (0 when there were none). Stored so JSON carries it.
        package var negativeShare: Double
    }

    package struct ChannelVolume: Sendable, Codable, Equatable {
        package var channel: String
        package var total: Int
        package var negative: Int
    }

    package struct SentimentSplit: Sendable, Codable, Equatable {
        package var positive: Int
        package var neutral: Int
        package var negative: Int
        /// (positive − negative) / total × 100, rounded; nil when there are no mentions.
        package var netScore: Int?
    }

    /// What the window's mentions were, per intent: how many, how many got a task, how many were answered.
    package struct IntentCount: Sendable, Codable, Equatable {
        package var intent: String
        package var mentions: Int
        package var tasks: Int
        package var answered: Int
    }

    /// A post quoted as an example. The text is raw: every renderer escapes it.
    package struct Example: Sendable, Codable, Equatable {
        package var author: String
        package var channel: String
        package var text: String
        package var url: String?
        package var postedAt: Date
    }

    package struct Category: Sendable, Codable, Equatable {
        package enum Trend: String, Sendable, Codable { case rising, falling, steady }
        package var id: String
        package var count: Int
        /// Mentions in the earlier and the later half of the window: the trend compares them.
        package var earlierHalf: Int
        package var laterHalf: Int
        package var trend: Trend
        package var examples: [Example]
    }

    package struct Crisis: Sendable, Codable, Equatable {
        package struct Step: Sendable, Codable, Equatable {
            package var at: Date
            package var level: String
            package var note: String?
        }
        package var taskID: String
        package var summary: String
        package var startedAt: Date
        /// When the crisis ended; nil while it goes on.
        package var endedAt: Date?
        package var highestLevel: String
        package var state: String
        package var timeline: [Step]
    }

    package struct Response: Sendable, Codable, Equatable {
        package var priority: String
        /// Allowed time to first response by policy.
        package var slaSeconds: Double
        package var tasks: Int
        package var responded: Int
        package var medianSeconds: Double?
        package var p90Seconds: Double?
        package var withinSLA: Int
        /// Answered late, or still unanswered past the deadline.
        package var breached: Int
        /// withinSLA / (withinSLA + breached) × 100; nil when no task is due yet.
        package var compliance: Double?
        /// Of `responded`: measured from a reply sent through Vigía, and from an acknowledgement (answered outside).
        package var fromReplies: Int
        package var fromAcknowledgements: Int
    }

    /// One person who answers customers (`--by`, else the user running the command): the periodic follow-up of
    /// how each one attends them.
    package struct Person: Sendable, Codable, Equatable {
        package var person: String
        /// Replies sent through Vigía in the window (`replied` events), public and private.
        package var repliesSent: Int
        /// Tasks filed in the window whose first response was this person's.
        package var firstResponses: Int
        /// Of those, answered outside Vigía (measured from the acknowledgement).
        package var outsideVigia: Int
        package var medianSeconds: Double?
        package var p90Seconds: Double?
        /// First responses within the deadline the task was filed with.
        package var withinSLA: Int
        /// withinSLA / firstResponses × 100; nil when they gave no first response.
        package var withinSLAShare: Double?
        /// Tasks they closed in the window (closing always records the customer's confirmation).
        package var closedConfirmed: Int
    }

    package struct TaskCounts: Sendable, Codable, Equatable {
        package var open: Int
        package var overdue: Int
        package var resolved: Int
        /// Closing needs the customer's confirmation (`close --confirmed`), so every closed task counts here.
        package var closedConfirmed: Int
    }

    /// Rules of thumb from customer-service research, labelled as estimates wherever shown.
    package struct Estimates: Sendable, Codable, Equatable {
        package static let silentPerComplaint = 20
        package static let toldByUnhappy = 11
        package static let toldByHappy = 3
        package var visibleComplaints: Int
        package var silentComplainers: Int
        package var unhappyAuthors: Int
        package var happyAuthors: Int
        package var wordOfMouthReach: Int
        package var note: String
    }

    package var brand: String
    package var generatedAt: Date
    package var windowStart: Date
    package var timeZone: String
    package var mentions: Int
    package var days: [DayVolume]
    package var channels: [ChannelVolume]
    package var sentiment: SentimentSplit
    /// Complaints, questions, praise, press and other, in that order.
    package var intents: [IntentCount]
    package var categories: [Category]
    package var crises: [Crisis]
    package var responses: [Response]
    /// Per person, most replies first.
    package var people: [Person]
    /// How first-response time is measured, stated in every rendering.
    package var responseTimeBasis: String
    package var tasks: TaskCounts
    /// Posts deleted, hidden or blocked: always zero, because Vigía has no such action. Stated, not implied.
    package var deletions: Int
    package var estimates: Estimates
}
