/// A mention with what the scorer and triage made of it: what the alerter, the crisis detector and the reports use.
package struct AssessedMention: Sendable, Codable, Hashable {
    package var mention: Mention
    package var sentiment: Sentiment
    package var triage: Triage

    package init(mention: Mention, sentiment: Sentiment, triage: Triage) {
        self.mention = mention
        self.sentiment = sentiment
        self.triage = triage
    }

    package var isNegative: Bool { sentiment.label == .negative }
}
