/// A mention with what the scorer and triage made of it: what the alerter, the crisis detector and the reports use.
public struct AssessedMention: Sendable, Codable, Hashable {
    public var mention: Mention
    public var sentiment: Sentiment
    public var triage: Triage

    public init(mention: Mention, sentiment: Sentiment, triage: Triage) {
        self.mention = mention
        self.sentiment = sentiment
        self.triage = triage
    }

    public var isNegative: Bool { sentiment.label == .negative }
}
