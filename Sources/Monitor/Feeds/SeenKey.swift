import Foundation
import ReputationCore

/// A seen id as `SeenMentions` holds it in memory. Vigía's own ids (`m-` and the 16 hex digits of a `StableHash`),
/// text keys (the 16 digits alone) and (id, feed) pairs of those are kept as the 64-bit number, with the feed's
/// place in `Feeds`; anything else (a network's own id kept by an older version) as its text. Lossless: every key
/// turns back into exactly the text it came from (`Feeds.text(of:)`); the poll state file keeps the numbers as runs
/// of hex digits (`SeenDay`).
enum SeenKey: Hashable, Sendable {
    case id(UInt64)
    case hex(UInt64)
    case pair(UInt64, feed: UInt32)
    case text(String)

    /// The feeds named in pairs, each once.
    struct Feeds: Sendable {
        private var names: [String] = []
        private var places: [String: UInt32] = [:]

        /// The key of `text`, giving its feed a place if it has none.
        mutating func key(_ text: String) -> SeenKey {
            if let key = SeenKey.plain(text) { return key }
            guard let (id, feed) = SeenKey.splitPair(text) else { return .text(text) }
            return .pair(id, feed: place(feed))
        }

        /// The place of `feed`, given one if it has none.
        mutating func place(_ feed: String) -> UInt32 {
            if let place = places[feed] { return place }
            let place = UInt32(names.count)
            names.append(feed)
            places[feed] = place
            return place
        }

        func name(_ place: UInt32) -> String { names[Int(place)] }

        /// The key of `text` if it can be in the store: nil for a pair naming a feed never met.
        func lookUp(_ text: String) -> SeenKey? {
            if let key = SeenKey.plain(text) { return key }
            guard let (id, feed) = SeenKey.splitPair(text) else { return .text(text) }
            return places[feed].map { .pair(id, feed: $0) }
        }

        func text(of key: SeenKey) -> String {
            switch key {
            case .id(let value): "m-" + SeenKey.hex(value)
            case .hex(let value): SeenKey.hex(value)
            case .pair(let value, let feed): "m-" + SeenKey.hex(value) + "\u{1F}" + names[Int(feed)]
            case .text(let text): text
            }
        }
    }

    /// `.id` or `.hex` when `text` is exactly that form (lower-case, 16 digits), else nil.
    private static func plain(_ text: String) -> SeenKey? {
        let bytes = text.utf8
        if bytes.count == 18, text.hasPrefix("m-"), let value = number(bytes.dropFirst(2)) { return .id(value) }
        if bytes.count == 16, let value = number(bytes[...]) { return .hex(value) }
        return nil
    }

    /// An own id and the feed of a pair (`MentionSource.key`), when the id is of the compact form.
    private static func splitPair(_ text: String) -> (UInt64, String)? {
        let bytes = text.utf8
        guard bytes.count > 19, text.hasPrefix("m-"), bytes[bytes.index(bytes.startIndex, offsetBy: 18)] == 0x1F,
            let value = number(bytes.dropFirst(2).prefix(16))
        else { return nil }
        return (value, String(decoding: bytes.dropFirst(19), as: UTF8.self))
    }

    /// Sixteen lower-case hex digits as their number; nil for anything else (so `hex` gives the same text back).
    private static func number(_ digits: Substring.UTF8View) -> UInt64? {
        guard digits.count == 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            switch digit {
            case 0x30...0x39: value = value << 4 | UInt64(digit - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(digit - 0x61 + 10)
            default: return nil
            }
        }
        return value
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
