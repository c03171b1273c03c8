/// The first three folded bytes of a lexicon's stems ("frustr*" → "fru"): a word starting with none of them
/// starts with no stem, and most words are told so here. Heads of three letters a…z (all of them, in practice)
/// are bits of a 2 KB bitmap indexed by the letters, which stays in the L1 cache and needs no hashing; any other
/// head (digits, other scripts) sits in a short list.
struct StemHeads: Sendable {
    private static let size = 26 * 26 * 26
    private var letters = [UInt64](repeating: 0, count: (StemHeads.size + 63) / 64)
    private var others: [UInt32] = []

    /// `heads` holds each head's three bytes packed little-endian (`pack`).
    init(_ heads: Set<UInt32>) {
        for head in heads {
            if let index = Self.letterIndex(UInt8(truncatingIfNeeded: head), UInt8(truncatingIfNeeded: head >> 8),
                                            UInt8(truncatingIfNeeded: head >> 16)) {
                letters[index >> 6] |= 1 << UInt64(index & 63)
            } else {
                others.append(head)
            }
        }
    }

    static func pack(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
        UInt32(first) | UInt32(second) << 8 | UInt32(third) << 16
    }

    @inline(__always)
    func contains(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        if let index = Self.letterIndex(first, second, third) {
            return letters.withUnsafeBufferPointer { $0[index >> 6] } & (1 << UInt64(index & 63)) != 0
        }
        return !others.isEmpty && others.contains(Self.pack(first, second, third))
    }

    @inline(__always)
    private static func letterIndex(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        let a = first &- 0x61, b = second &- 0x61, c = third &- 0x61
        guard a < 26 && b < 26 && c < 26 else { return nil }
        return (Int(a) &* 26 &+ Int(b)) &* 26 &+ Int(c)
    }
}
