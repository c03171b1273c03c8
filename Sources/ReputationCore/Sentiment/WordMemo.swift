/// What the lexicons say of one word on its own, apart from the words around it: its entry in the post's
/// language, else in the other one (mixed posts), else its stem, elongation or laughter valence; and whether it
/// starts expressions in either lexicon (those depend on the next words, so they are looked up each time).
///
/// Packed in eight bytes, so a memo slot (key and lookup) takes sixteen: the booster in thousandths as the
/// lexicon stores it, role, source and memo tag in one byte, both expression lengths (at most 8) in another.
struct WordLookup {
    /// NaN when the word carries no valence.
    var valence = Float.nan
    private var boosterThousandths: Int16 = 0
    /// Bits 0–2: role; bit 3: the primary lexicon decided; bits 4–6: the memo tag.
    private var bits: UInt8 = 0
    /// Low four bits: `longestExpression` in the primary lexicon (0: no entry); high four: in the secondary.
    private var lengths: UInt8 = 0

    init() {}

    var booster: Float { Float(boosterThousandths) / 1000 }

    var role: LexiconEntry.Role {
        get { LexiconEntry.Role(rawValue: bits & 7) ?? .none }
        set { bits = bits & ~7 | newValue.rawValue }
    }

    /// The primary lexicon's entry decided (nothing after it is looked at).
    var fromPrimary: Bool {
        get { bits & 8 != 0 }
        set { bits = newValue ? bits | 8 : bits & ~8 }
    }

    /// Which lexicons answered (`WordMemo.tag`); 0 in an empty memo slot.
    var tag: UInt8 {
        get { bits >> 4 }
        set { bits = bits & 15 | newValue << 4 }
    }

    /// `longestExpression` of the word's entry in the primary lexicon; 0 when it has none.
    var primaryLongest: UInt8 {
        get { lengths & 15 }
        set { lengths = lengths & 0xF0 | newValue & 15 }
    }

    /// The same in the secondary lexicon, when it was looked at.
    var secondaryLongest: UInt8 {
        get { lengths >> 4 }
        set { lengths = lengths & 15 | newValue << 4 }
    }

    /// Whether `other` says the same of the word, bit for bit (valences are NaN when absent, so `==` would
    /// not do): the debug cross-check of a memo answer against a fresh lookup.
    func sameAnswer(as other: WordLookup) -> Bool {
        valence.bitPattern == other.valence.bitPattern && boosterThousandths == other.boosterThousandths
            && bits & 15 == other.bits & 15 && lengths == other.lengths
    }

    @inline(__always)
    mutating func take(_ entry: LexiconEntry) {
        valence = entry.valence ?? .nan
        boosterThousandths = entry.boosterThousandths
        role = entry.role
    }
}

/// The words of the last posts and what the lexicons said of them (`WordLookup`): a post's words are mostly
/// the words of the posts before it, and a memo answers for a word with one load instead of the string of
/// lexicon, stem and laughter lookups that mostly find nothing.
///
/// Direct-mapped: a word takes the slot its hash picks, replacing whatever was there. 8,192 slots of 16 bytes,
/// 128 KB (measured on DEV: 2,048 slots gained a third of what 8,192 do, and 16,384 no more). It is kept in a
/// `ScoringScratch`, so one loop over many posts owns it and nothing is shared between threads; it holds the
/// rule book it was filled with and starts over for another one. It is only set up once a scratch has scored a
/// few posts, so a scratch made for one post does not pay for memory it would not use.
struct WordMemo: Sendable {
    private struct Slot {
        var key: UInt64 = 0
        /// Its `tag` is 0 while the slot is empty.
        var lookup = WordLookup()
    }

    /// What the packed `WordLookup` can hold; `RuleBook` checks its rules against these when it is built, so a
    /// new role, a third language or longer expressions fail there, loudly, instead of aliasing in the memo.
    enum Layout {
        /// Roles in three bits.
        static let roles = 8
        /// Memo tags in three bits, 0 meaning empty: `tag(primary:mixed:)` reaches 2 × languages.
        static let languages = 3
        /// Expression lengths in four bits each.
        static let expressionTokens = 15
    }

    private static let slotBits: UInt64 = 13
    private static let postsBeforeUse = 4

    private var book: RuleBook?
    private var slots: [Slot] = []
    private var posts = 0

    /// Called once per post: starts over for a new rule book, and sets the memo up after a few posts.
    mutating func prepare(for book: RuleBook) {
        if self.book !== book {
            self.book = book
            slots = []
            posts = 0
        }
        posts += 1
        if posts == Self.postsBeforeUse { slots = [Slot](repeating: Slot(), count: 1 << Self.slotBits) }
    }

    var isActive: Bool { !slots.isEmpty }

    /// Which lexicons answer for a post: its primary language and whether the other one fills gaps.
    static func tag(primary: Int, mixed: Bool) -> UInt8 { UInt8(primary * 2 + (mixed ? 1 : 0) + 1) }

    /// The memo's contract: a hit is exactly what `UnitBuilder.lookUpWord` would answer for the word of `key`
    /// under the lexicons of `tag` with this rule book: what the word says alone, never its expressions (they
    /// depend on the next words) and never for an elongated word (its fallback differs). Debug builds check
    /// every hit against a fresh lookup.
    @inline(__always)
    func lookup(_ key: UInt64, tag: UInt8) -> WordLookup? {
        slots.withUnsafeBufferPointer { slots in
            let slot = slots[Self.slot(key, tag)]
            return slot.key == key && slot.lookup.tag == tag ? slot.lookup : nil
        }
    }

    @inline(__always)
    mutating func store(_ lookup: WordLookup, for key: UInt64, tag: UInt8) {
        let slot = Self.slot(key, tag)
        var lookup = lookup
        lookup.tag = tag
        slots.withUnsafeMutableBufferPointer { $0[slot] = Slot(key: key, lookup: lookup) }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ tag: UInt8) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(tag)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - slotBits))
    }
}
