/// How a post reads: a score in −1…1, its label, its language, and the terms that decided it.
public struct Sentiment: Sendable, Codable, Hashable {
    public enum Label: String, Sendable, Codable, CaseIterable { case negative = "neg", neutral = "neu", positive = "pos" }

    /// A word, expression, emoji or rule that moved the score, with how much it moved it.
    public struct Term: Sendable, Codable, Hashable {
        public var text: String
        public var weight: Double
        public init(text: String, weight: Double) {
            self.text = text
            self.weight = weight
        }
    }

    public var score: Double
    public var label: Label
    /// "es", "en" or "other".
    public var language: String
    public var terms: [Term]

    public init(score: Double, label: Label, language: String, terms: [Term]) {
        self.score = score
        self.label = label
        self.language = language
        self.terms = terms
    }
}
