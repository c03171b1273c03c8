/// A word, emoji or emoticon of a post as the scorer sees it: the hash of its folded form (lowercase, accents
/// stripped, long letter runs cut to two, apostrophes dropped) and where it sits in the folded and raw text.
struct Token {
    struct Flags: OptionSet {
        let rawValue: UInt8
        /// Every letter was upper case (two letters at least): "TERRIBLE".
        static let allCaps = Flags(rawValue: 1)
        /// A letter was repeated three times or more: "malísimooo", "soooo".
        static let elongated = Flags(rawValue: 2)
        /// An emoji or emoticon, looked up in the symbol table rather than a lexicon.
        static let symbol = Flags(rawValue: 4)
        /// Written as a hashtag: "#fail".
        static let hashtag = Flags(rawValue: 8)
        /// Punctuation came before it, so a negation or a concession before that does not reach it.
        static let clauseStart = Flags(rawValue: 16)
        /// Has a letter (not only digits).
        static let hasLetter = Flags(rawValue: 32)
        /// In a sentence that ends with "?" (or opens with "¿").
        static let inQuestion = Flags(rawValue: 64)
    }

    var hash: UInt64
    var foldStart: Int32
    var foldCount: Int32
    var rawStart: Int32
    var rawEnd: Int32
    var flags: Flags
}

/// FNV-1a over bytes; the same function hashes lexicon entries at load and tokens at scoring time.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    /// Extends a multi-word expression's key by one word: a space, then the word's own hash as one more
    /// "byte". Built from the words' hashes, so matching an expression does not re-read the words' bytes; the
    /// order of the words counts ("no bueno" and "bueno no" differ).
    @inline(__always)
    static func join(_ hash: UInt64, _ word: UInt64) -> UInt64 { (add(hash, 0x20) ^ word) &* prime }

    static func hash<S: Sequence>(_ bytes: S, from start: UInt64 = offset) -> UInt64 where S.Element == UInt8 {
        var hash = start
        for byte in bytes { hash = add(hash, byte) }
        return hash
    }
}
