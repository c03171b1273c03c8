/// A read-only open-addressing table keyed by 64-bit FNV hashes. The keys are hashes already, so no second
/// hashing (Swift's `Dictionary` runs SipHash on every lookup, the scorer's main cost before this table), and
/// key and value sit side by side so a lookup touches one cache line. Most words looked up are not in the
/// table: a bit filter of about 32 bits per key (at most 16 KB, ~3–6% false passes) answers most misses, and
/// each miss it answers spares a probe into a slot array larger than the L1 cache (measured: without the filter
/// scoring is 6% slower, with 16 bits per key 3% slower). It is sized to the table because a post is looked up
/// in a dozen tables, and fixed-size filters for the small ones (function words, stems, triage cues) would
/// evict the big ones' from the L1 cache.
struct KeyTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var slots: ContiguousArray<Slot>
    private var mask: Int
    private var filter: ContiguousArray<UInt64>
    /// The filter has 2^(64 - filterShift) bits, picked by the top bits of the key.
    private var filterShift: UInt64

    init(_ dictionary: [UInt64: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity <<= 1 }
        slots = ContiguousArray(repeating: Slot(key: 0, value: nil), count: capacity)
        mask = capacity - 1
        var filterBits = 512
        while filterBits < dictionary.count * 32 && filterBits < 1 << 17 { filterBits <<= 1 }
        filter = ContiguousArray(repeating: 0, count: filterBits / 64)
        filterShift = UInt64(64 - filterBits.trailingZeroBitCount)
        for (key, value) in dictionary {
            let bit = Self.filterBit(key, filterShift)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            var slot = Self.slot(key, mask)
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: Self.stored(key), value: value)
        }
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let bit = Self.filterBit(key, filterShift)
        let passes = filter.withUnsafeBufferPointer { $0[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
        guard passes else { return nil }
        let wanted = Self.stored(key)
        let mask = mask
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.slot(key, mask)
            while true {
                let found = slots[slot].key
                if found == wanted { return slots[slot].value }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func filterBit(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: key >> shift) }

    /// 0 marks an empty slot, so a key that happens to be 0 is stored as 1 (FNV makes either one unlikely).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }
}
