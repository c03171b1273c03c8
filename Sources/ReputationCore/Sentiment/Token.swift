/// A word, emoji or emoticon of a post as the scorer sees it: the hash of its folded form (`WordHasher`; FNV for
/// emoji and emoticons) (lowercase, accents
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

/// The hash of a word's folded bytes, taken eight bytes at a time: one multiply per eight letters instead of one per
/// letter (FNV's), which was the longest dependency chain in cutting words. The same hasher keys lexicon words at
/// load and tokens at scoring time, and gives any prefix's hash on the way (stems).
struct WordHasher {
    private static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    private var state = WordHasher.seed
    private var chunk: UInt64 = 0
    private(set) var count = 0

    init() {}

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        chunk |= UInt64(byte) &<< UInt64((count & 7) &<< 3)
        count &+= 1
        if count & 7 == 0 {
            state = Self.absorb(state, chunk)
            chunk = 0
        }
    }

    /// Adds up to eight bytes at once, packed little-endian in `bytes` (the bytes past `byteCount` zero), when the
    /// bytes added so far fill whole chunks: the same hash as adding them one by one.
    @inline(__always)
    mutating func add(chunk bytes: UInt64, byteCount: Int) {
        if byteCount == 8 { state = Self.absorb(state, bytes) } else { chunk = bytes }
        count &+= byteCount
    }

    /// The hash of the bytes added so far. Words of up to eight bytes and the same length never collide (each step
    /// is a bijection); the length is mixed in last.
    @inline(__always)
    var value: UInt64 {
        var x = count & 7 == 0 ? state : Self.absorb(state, chunk)
        x = (x ^ UInt64(count)) &* 0xD6E8_FEB8_6659_FD93
        return x ^ (x &>> 32)
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hasher = WordHasher()
        for byte in bytes { hasher.add(byte) }
        return hasher.value
    }

    @inline(__always)
    private static func absorb(_ state: UInt64, _ chunk: UInt64) -> UInt64 {
        let x = (state ^ chunk) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x &>> 29)
    }
}

/// FNV-1a over bytes: keys emoji and emoticons (matched a byte at a time), and joins word hashes into the keys of
/// multi-word expressions.
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
