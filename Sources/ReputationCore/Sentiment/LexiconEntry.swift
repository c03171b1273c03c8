/// What a word or expression does in one language: carries a valence, boosts or dampens the next one,
/// negates, turns the post around ("pero"), concedes ("aunque"), or signals sarcasm.
struct LexiconEntry: Sendable {
    enum Role: UInt8, Sendable {
        case none, negator, contrast, concessive, sarcasm, irrealis
    }

    /// Valence on the −4…4 scale of the lexicon files; `nil` when the entry only modifies.
    var valence: Float?
    /// Added to the magnitude of a following valence (negative for diminishers such as "poco", "barely").
    var booster: Float = 0
    var role: Role = .none
    /// The longest expression (in tokens) that starts with this word; 1 when none does.
    var longestExpression: UInt8 = 1
}
