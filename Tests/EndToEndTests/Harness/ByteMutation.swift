import Foundation

/// Deterministic byte-level mutations for fuzzing: truncate, flip, insert, delete, duplicate a span, splice in a
/// hostile token. Seeded, so a failing case is replayed from the printed seed and round.
enum ByteMutation {
    private static let tokens: [String] = [
        "\u{0}", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\\ud800", "1e999", "-0", "null", "true",
        "<", ">", "&", "&amp;", "<![CDATA[", "]]>", "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "&x;", "\u{FEFF}",
        "\u{202E}", "\r\n", "${VIGIA_HARNESS_UNSET}", String(repeating: "9", count: 400), "\u{FF}\u{FE}",
    ]

    static func apply(to data: Data, random: inout HarnessRandom, count: Int? = nil) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<(count ?? 1 + Int(random.next() % 3)) {
            mutate(&bytes, random: &random)
        }
        return Data(bytes)
    }

    private static func mutate(_ bytes: inout [UInt8], random: inout HarnessRandom) {
        guard !bytes.isEmpty else {
            bytes = Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8)
            return
        }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0: bytes.removeSubrange(at...)
        case 1: bytes[at] ^= UInt8(1 << (random.next() % 8))
        case 2: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 16)))
        case 4:
            let end = min(bytes.count, at + 1 + Int(random.next() % 64))
            bytes.insert(contentsOf: bytes[at..<end], at: at)
        default: bytes.insert(contentsOf: Array(tokens[Int(random.next() % UInt64(tokens.count))].utf8), at: at)
        }
    }
}
