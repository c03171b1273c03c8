/// A word, emoji or whole expression as one step of scoring: its valence and role from the lexicon, the
/// token span it covers, and (after weighing) its contribution to the score.
///
/// Laid out in 32 bytes (a `Float?` valence took 40): the valence is kept as NaN when absent, which no lexicon
/// or symbol valence can be (they are read within −4…4).
struct ScoringUnit {
    var first: Int32
    var last: Int32
    /// Where the term shown to the user starts: the negator when one applied ("no me gusta").
    var termFirst: Int32
    private var storedValence = Float.nan
    var booster: Float = 0
    var weight: Float = 0
    var role: LexiconEntry.Role = .none
    var clauseStart = false
    var allCaps = false
    var elongated = false
    /// An emoji or emoticon: it carries its own sign, no negation or booster applies to it.
    var isSymbol = false
    /// Said in a question: praise in a question is not praise yet ("¿es bueno?").
    var inQuestion = false
    /// For a negator: whether it negated a valence within reach.
    var negatedSomething = false

    init(first: Int32, last: Int32, termFirst: Int32) {
        self.first = first
        self.last = last
        self.termFirst = termFirst
    }

    /// Valence on the −4…4 scale of the lexicon; `nil` when the unit carries none.
    var valence: Float? {
        @inline(__always) get { storedValence.isNaN ? nil : storedValence }
        @inline(__always) set { storedValence = newValue ?? .nan }
    }
}
