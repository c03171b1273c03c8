/// Eight bytes of a post read as one 64-bit word and classified at once (SWAR: SIMD within a register): which
/// bytes are ASCII letters or digits, how many of them lead the chunk, and their folded (lowercase) form.
///
/// Most words of a post are plain ASCII. Read a byte at a time, every byte costs a few branches and the end of
/// each word a mispredicted one (the loop cannot know the word's length); read eight at a time, a word's length
/// is a count of trailing zero bits. `TextScanner.scanWord` takes a word's leading ASCII chunks this way and
/// leaves to its byte loop what this cannot decide (accents, apostrophes, letters repeated three times).
struct WordChunk {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// How many bytes at the start of the chunk are ASCII letters or digits (0…8).
    let count: Int
    /// Those bytes, folded to lowercase; the bytes after them are zero.
    let folded: UInt64
    /// High bit of each of those bytes that was an upper-case letter.
    let upper: UInt64
    /// High bit of each of those bytes that was a lower-case letter.
    let lower: UInt64

    /// Classifies the eight bytes at `pointer` (which must be readable).
    @inline(__always)
    init(at pointer: UnsafeRawPointer) {
        let raw = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        let lower = Self.inRange(raw, 0x61, 0x7A)
        let upper = Self.inRange(raw, 0x41, 0x5A)
        let digit = Self.inRange(raw, 0x30, 0x39)
        let stops = ~(lower | upper | digit) & Self.highs
        let count = stops == 0 ? 8 : stops.trailingZeroBitCount &>> 3
        let keep: UInt64 = count == 8 ? ~0 : (1 &<< UInt64(count &<< 3)) &- 1
        self.count = count
        self.upper = upper & keep
        self.lower = lower & keep
        // An upper-case ASCII letter is folded by setting its 0x20 bit: the high bit of its flag, shifted.
        folded = (raw | (upper &>> 2)) & keep
    }

    /// High bit of each byte `f[i]` that equals `f[i + 1]` (the bytes past the chunk read as zero).
    @inline(__always)
    var repeats: UInt64 { Self.zeroBytes(folded ^ (folded &>> 8)) }

    /// Whether some letter of the chunk is repeated three times in a row ("ooo"): an elongation, which the byte
    /// loop cuts and flags.
    @inline(__always)
    var hasTriple: Bool {
        let repeats = repeats
        return (upper | lower) & repeats & (repeats &>> 8) != 0
    }

    /// The last folded byte and how many times it ends the chunk in a row, counted as the byte loop counts
    /// letters (digits count once): what that loop needs to go on where the chunk stops.
    @inline(__always)
    var tail: (last: UInt8, run: Int) {
        let shift = UInt64((count &- 1) &<< 3)
        let last = UInt8(truncatingIfNeeded: folded &>> shift)
        guard count >= 2 else { return (last, 1) }
        let pairShift = UInt64((count &- 2) &<< 3)
        let doubled = (repeats & (upper | lower)) &>> pairShift & 0x80 != 0
        return (last, doubled ? 2 : 1)
    }

    /// High bit of each byte within `low…high` (both ASCII); bytes of 0x80 and over never are. Each byte's
    /// arithmetic stays in its byte: no borrow crosses over.
    @inline(__always)
    private static func inRange(_ x: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let seven = x & ~highs
        let atLeast = (seven | highs) &- ones &* UInt64(low)
        let atMost = ones &* UInt64(0x80 &+ high) &- seven
        return atLeast & atMost & ~x & highs
    }

    /// High bit of each zero byte of `x`, exactly (no false flags from carries).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & ~highs) &+ ~highs) | x) & highs
    }
}
