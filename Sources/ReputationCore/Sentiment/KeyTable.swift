/// A read-only open-addressing table keyed by 64-bit FNV hashes. The keys are hashes already, so no second
/// hashing (Swift's `Dictionary` runs SipHash on every lookup, the scorer's main cost before this table).
struct KeyTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int

    init(_ dictionary: [UInt64: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        for (key, value) in dictionary {
            var slot = Self.slot(key, mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = Self.stored(key)
            values[slot] = value
        }
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let wanted = Self.stored(key)
        var slot = Self.slot(key, mask)
        while true {
            let found = keys[slot]
            if found == wanted { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// 0 marks an empty slot, so a key that happens to be 0 is stored as 1 (FNV makes either one unlikely).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }
}
