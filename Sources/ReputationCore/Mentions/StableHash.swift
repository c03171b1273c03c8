/// FNV-1a 64-bit: a hash that is the same on every run and machine (Swift's `Hasher` is seeded per process).
package enum StableHash {
    package static func value(of text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    package static func hex(of text: String) -> String {
        let hex = String(value(of: text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
