import Foundation
import ReputationCore

/// What the report uses of one logged mention: when it was posted, where, by whom, and what the scorer and triage
/// made of it. A window of these is a few megabytes where the mentions themselves (texts, terms, sources) are
/// hundreds; the texts the report quotes (its category examples) travel apart, in `ReportMentions.examples`.
struct ReportMention: Sendable, Codable, Hashable {
    var id: String
    var postedAt: Date
    var channel: String
    var label: Sentiment.Label
    var intent: Intent
    var categories: [String]
    /// Handle, else name, else `post:ID`: with the channel, one person for word of mouth.
    var author: String

    init(_ assessed: AssessedMention) {
        let mention = assessed.mention
        id = mention.id
        postedAt = mention.postedAt
        channel = mention.channel
        label = assessed.sentiment.label
        intent = assessed.triage.intent
        categories = assessed.triage.categories
        author = mention.author.handle ?? mention.author.name ?? "post:" + mention.id
    }

    var isNegative: Bool { label == .negative }
    var isComplaint: Bool { intent == .complaint }
    var authorKey: String { channel + "\u{1F}" + author }

    enum CodingKeys: String, CodingKey {
        case id, postedAt = "t", channel = "c", label = "s", intent = "i", categories = "k", author = "a"
    }
}

/// The report window's mentions in log order (day files oldest first, each in file order), with the category
/// examples the report may quote, by mention id.
struct ReportMentions: Sendable {
    var rows: [ReportMention] = []
    var examples: [String: Report.Example] = [:]

    init() {}

    /// Every mention as a row, and an example for each one the report could quote (those with a category).
    init(_ mentions: [AssessedMention]) {
        append(mentions)
    }

    mutating func append(_ mentions: [AssessedMention]) {
        rows.reserveCapacity(rows.count + mentions.count)
        for assessed in mentions {
            rows.append(ReportMention(assessed))
            if !assessed.triage.categories.isEmpty { examples[assessed.mention.id] = Report.example(assessed) }
        }
    }

    mutating func append(_ other: ReportMentions) {
        rows += other.rows
        examples.merge(other.examples) { first, _ in first }
    }
}
