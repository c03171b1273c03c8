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

    var marks: Set<Mark> = []
    /// Cue names (intent-cues.tsv) and "author:<kind>" (authors.tsv) found.
    var cues: Set<String> = []

    func has(_ name: String) -> Bool {
        if let mark = Mark(rawValue: name) { return marks.contains(mark) }
        return cues.contains(name)
    }
}
