/// How a post reads: a score in −1…1, its label, its language, and the terms that decided it.
package struct Sentiment: Sendable, Codable, Hashable {
    package enum Label: String, Sendable, Codable, CaseIterable { case negative = "neg", neutral = "neu", positive = "pos" }

    /// A word, expression, emoji or rule that moved the score, with how much it moved it.
    package struct Term: Sendable, Codable, Hashable {
        package var text: String
        package var weight: Double
        package init(text: String, weight: Double) {
            self.text = text
            self.weight = weight
        }
    }

    package var score: Double
    package var label: Label
    /// "es", "en" or "other".
    package var language: String
    package var terms: [Term]

    package init(score: Double, label: Label, language: String, terms: [Term]) {
        self.score = score
        self.label = label
        self.language = language
        self.terms = terms
    }
}
