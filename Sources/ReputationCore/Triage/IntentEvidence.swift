/// What a post shows that tells its intent: the scorer's verdict, the marks of the text, the cues of
/// intent-cues.tsv it matched and the kinds of author (authors.tsv) it comes from. Intent weights
/// (intents.tsv) are summed over these.
struct IntentEvidence: Sendable {
    /// Built-in evidence, named as intents.tsv names it.
    enum Mark: String, Sendable, CaseIterable {
        /// The scorer's label.
        case negative, positive, neutral
        /// Strongly negative or positive (|score| ≥ 0.5): a rant or a rave, not a passing word.
        case veryNegative = "very_negative"
        case veryPositive = "very_positive"
        /// A "?" or "¿" in the post.
        case questionMark = "question_mark"
        /// A question cue of questions.tsv matched (asks without a question mark).
        case questionCue = "question_cue"
        /// A complaint category of categories.tsv matched.
        case category
        /// A URL in the post (a link to an article).
        case link
        /// An @handle in the post (addressed to someone, often the brand).
        case handle
        case exclamation
        /// Twelve words or fewer.
        case short
        /// A capitalised word inside a sentence (not a hashtag, not shouted): the proper names of headlines.
        case names
    }

    /// What was found, one bit per mark (`Mark` order) and per cue (bits `Mark.allCases.count` up, given at load
    /// by `IntentRules`): summing the weights is then a few mask tests per weight, not string lookups.
    var bits: UInt64 = 0

    static func bit(_ mark: Mark) -> UInt64 { 1 << UInt64(Mark.allCases.firstIndex(of: mark)!) }

    mutating func insert(_ mark: Mark) { bits |= Self.bit(mark) }

    func has(_ mark: Mark) -> Bool { bits & Self.bit(mark) != 0 }
}
