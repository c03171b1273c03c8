/// What a word or expression does in one language: carries a valence, boosts or dampens the next one,
/// negates, turns the post around ("pero"), concedes ("aunque"), or signals sarcasm.
///
/// Stored in thousandths in 16-bit integers so a table slot (hash + entry) is 16 bytes: the lexicon tables are
/// probed for every word, and smaller slots mean fewer cache misses.
struct LexiconEntry: Sendable {
    enum Role: UInt8, Sendable, CaseIterable {
        case none, negator, contrast, concessive, sarcasm, irrealis
    }

    private static let absent = Int16.min
    private var storedValence = LexiconEntry.absent
    private var storedBooster: Int16 = 0
    var role: Role = .none
    /// The longest expression (in tokens) that starts with this word; 1 when none does.
    var longestExpression: UInt8 = 1

    /// Valence on the −4…4 scale of the lexicon files; `nil` when the entry only modifies.
    var valence: Float? {
        get { storedValence == Self.absent ? nil : Float(storedValence) / 1000 }
        set { storedValence = newValue.map { Int16(($0 * 1000).rounded()) } ?? Self.absent }
    }

    /// The booster as stored, in thousandths (`booster` is this / 1000).
    var boosterThousandths: Int16 { storedBooster }

    /// Added to the magnitude of a following valence (negative for diminishers such as "poco", "barely").
    var booster: Float {
        get { Float(storedBooster) / 1000 }
        set { storedBooster = Int16((newValue * 1000).rounded()) }
    }
}
