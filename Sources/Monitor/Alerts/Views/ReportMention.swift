import Foundation
import ReputationCore

/// What the report uses of one logged mention: when it counts, where, by whom, and what the scorer and triage
/// made of it. A window of these is a few megabytes where the mentions themselves (texts, terms, sources) are
/// hundreds; the texts the report quotes (its category examples) travel apart, in `ReportMentions.examples`.
struct ReportMention: Sendable, Codable, Hashable {
    var id: String
    /// When it was posted, but never after it was seen (`Mention.countedAt`, as the crisis detector counts it): a
    /// post dated tomorrow or in 2199 by its feed is in the report of the day it arrived, not in none.
    var countedAt: Date
    var channel: String
    var label: Sentiment.Label
    var intent: Intent
    var categories: [String]
    /// Handle, else name, else `post:ID`: with the channel, one person for word of mouth.
    var author: String

    init(_ assessed: AssessedMention) {
        let mention = assessed.mention
        id = mention.id
        countedAt = mention.countedAt
        channel = mention.channel
        label = assessed.sentiment.label
        intent = assessed.triage.intent
        categories = assessed.triage.categories
        author = mention.author.handle ?? mention.author.name ?? "post:" + mention.id
    }

    var isNegative: Bool { label == .negative }
    var isComplaint: Bool { intent == .complaint }
    var authorKey: String { channel + "\u{1F}" + author }

    // File form (`MentionDaySummary`): one array per row, `[id, counted, channel, label, intent, [categories], author]`,
    // the time as `Date` holds it (seconds since 2001, exact): a week is some 20,000 rows, and arrays decode faster
    // than objects.
    init(from decoder: Decoder) throws {
        var row = try decoder.unkeyedContainer()
        id = try row.decode(String.self)
        countedAt = Date(timeIntervalSinceReferenceDate: try row.decode(Double.self))
        channel = try row.decode(String.self)
        label = try row.decode(Sentiment.Label.self)
        intent = try row.decode(Intent.self)
        categories = try row.decode([String].self)
        author = try row.decode(String.self)
    }

    func encode(to encoder: Encoder) throws {
        var row = encoder.unkeyedContainer()
        try row.encode(id)
        try row.encode(countedAt.timeIntervalSinceReferenceDate)
        try row.encode(channel)
        try row.encode(label)
        try row.encode(intent)
        try row.encode(categories)
        try row.encode(author)
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
