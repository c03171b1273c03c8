import ReputationCore

/// The scorer and triage rules, loaded once per process (a `watch` daemon reuses them every cycle).
public struct Assessor: Sendable {
    public let scorer: SentimentScorer
    public let triageRules: TriageRules
    public let triager: Triager
    /// How feed items become mentions with one identity per post (its tracking-parameter rules load with the rest).
    public let identity: MentionIdentity

    public init(settings: MonitorSettings) throws {
        scorer = SentimentScorer(rules: try SentimentRules.load(overlay: settings.rulesOverlay))
        triageRules = try TriageRules.load(overlay: settings.rulesOverlay)
        triager = Triager(rules: triageRules)
        identity = MentionIdentity(tracking: try TrackingParameters.load(overlay: settings.rulesOverlay))
    }

    public func assess(_ mention: Mention) -> AssessedMention {
        let sentiment = scorer.score(mention.fullText)
        let triage = triager.triage(mention.fullText, language: sentiment.language)
        return AssessedMention(mention: mention, sentiment: sentiment, triage: triage)
    }

    /// The crisis scopes a mention counts in: the brand overall, its channel, each complaint category.
    public static func scopes(of assessed: AssessedMention) -> [Crisis.Scope] {
        [.brand()] + [.channel(assessed.mention.channel)] + assessed.triage.categories.map { .category($0) }
    }
}
