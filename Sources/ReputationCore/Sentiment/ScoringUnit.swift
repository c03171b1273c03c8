/// A word, emoji or whole expression as one step of scoring: its valence and role from the lexicon, the
/// token span it covers, and (after weighing) its contribution to the score.
struct ScoringUnit {
    var first: Int32
    var last: Int32
    /// Where the term shown to the user starts: the negator when one applied ("no me gusta").
    var termFirst: Int32
    var valence: Float?
    var booster: Float = 0
    var role: LexiconEntry.Role = .none
    var clauseStart = false
    var allCaps = false
    var elongated = false
    /// An emoji or emoticon: it carries its own sign, no negation or booster applies to it.
    var isSymbol = false
    /// Said in a question: praise in a question is not praise yet ("¿es bueno?").
    var inQuestion = false
    var weight: Float = 0
    /// For a negator: whether it negated a valence within reach.
    var negatedSomething = false
}
