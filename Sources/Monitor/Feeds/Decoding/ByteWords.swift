/// Byte searches eight bytes at a time (one 64-bit word per step instead of one comparison per byte), for the loops
/// that dominate decoding: prose runs, tag ends, raw field content. Words are read only at `i` with `i + 8 <= end`
/// and `end <= p.count`, so nothing outside the document is touched; the last bytes go one by one.
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `i`, the first in the lowest byte.
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in each byte of `word` that equals `byte`, exactly (no carry crosses bytes).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x | lows)
    }

    /// Nonzero when some byte of `word` is below `bound` (at most 0x80); which bytes it marks is not exact.
    @inline(__always)
    static func anyBelow(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }

    /// The index of the first byte of the marks (`matches` results) of a word read at `i`.
    @inline(__always)
    static func first(_ marks: UInt64, at i: Int) -> Int { i + marks.trailingZeroBitCount / 8 }

    /// The first index in `start..<end` holding `a` or `b`; `end` when none does.
    @inline(__always)
    static func firstOf(_ p: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8, from start: Int, end: Int) -> Int {
        var i = start
        if let base = p.baseAddress, end <= p.count {
            while i + 8 <= end {
                let w = word(base, i)
                let marks = matches(w, a) | matches(w, b)
                if marks != 0 { return first(marks, at: i) }
                i += 8
            }
        }
        while i < end, p[i] != a, p[i] != b { i += 1 }
        return min(i, end)
    }

    /// The first index in `start..<end` holding one of the four bytes; `end` when none does.
    @inline(__always)
    static func firstOf(
        _ p: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, from start: Int, end: Int
    ) -> Int {
        var i = start
        if let base = p.baseAddress, end <= p.count {
            while i + 8 <= end {
                let w = word(base, i)
                let marks = matches(w, a) | matches(w, b) | matches(w, c) | matches(w, d)
                if marks != 0 { return first(marks, at: i) }
                i += 8
            }
        }
        while i < end, p[i] != a, p[i] != b, p[i] != c, p[i] != d { i += 1 }
        return min(i, end)
    }
}
