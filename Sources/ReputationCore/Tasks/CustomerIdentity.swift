import Foundation

/// What identifies a customer across channels: their handle (without "@" and instance) and any order numbers they
/// quote. Keys are hashed so the journal does not repeat order numbers in clear.
package enum CustomerIdentity {
    package static func keys(author: Author, text: String) -> [String] {
        var keys: [String] = []
        if let handle = normalizedHandle(author.handle) { keys.append("handle:" + StableHash.hex(of: handle)) }
        for number in orderNumbers(in: text) { keys.append("order:" + StableHash.hex(of: number)) }
        return keys
    }

    /// "@Ana_G@mastodon.social" → "ana_g"; "u/ana_g" → "ana_g".
    static func normalizedHandle(_ handle: String?) -> String? {
        guard var text = handle?.lowercased().trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.hasPrefix("u/") { text.removeFirst(2) }
        while text.hasPrefix("@") { text.removeFirst() }
        if let at = text.firstIndex(of: "@") { text = String(text[..<at]) }
        return text.isEmpty ? nil : text
    }

    /// Order numbers: a run of 5 or more digits (letters allowed around them, e.g. "A-123456") right after a word
    /// such as "pedido", "order", "nº", "#".
    static func orderNumbers(in text: String) -> [String] {
        // Over UTF-8 bytes, materialising only words with five or more digits: this runs for every new mention,
        // and long blog posts made a word-by-word Character pass the slowest step of a poll.
        let bytes = Array(text.utf8)
        let words = wordRanges(bytes)
        func word(_ index: Int) -> String { String(decoding: bytes[words[index]], as: UTF8.self).lowercased() }
        func followsCue(_ index: Int) -> Bool {
            (1...2).contains { back in index - back >= 0 && cues.contains(where: { word(index - back).hasPrefix($0) }) }
        }
        var found: [String] = []
        for index in words.indices where bytes[words[index]].count(where: { (0x30...0x39).contains($0) }) >= 5 {
            let cleaned = String(trimmed(word(index)))
            let candidate: String
            if cleaned.hasPrefix("#") {
                candidate = String(cleaned.dropFirst())
            } else if followsCue(index) {
                candidate = cleaned
            } else {
                continue
            }
            let normalized = candidate.filter { $0.isLetter || $0.isNumber }.uppercased()
            if normalized.filter(\.isNumber).count >= 5, !found.contains(normalized) { found.append(normalized) }
        }
        return found
    }

    /// Words separated by ASCII white space or ':'.
    private static func wordRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x3A {
                if let first = start { ranges.append(first..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let first = start { ranges.append(first..<bytes.count) }
        return ranges
    }

    /// The word without leading/trailing punctuation ('#' kept). Built once: `CharacterSet` algebra per word
    /// dominated a poll of thousands of mentions.
    static func trimmed(_ word: String) -> Substring {
        let keep = { (character: Character) in character.isLetter || character.isNumber || character == "#" }
        guard let first = word.firstIndex(where: keep), let last = word.lastIndex(where: keep) else { return "" }
        return word[first...last]
    }

    static let cues = ["pedido", "order", "nº", "n.º", "num", "número", "reserva", "booking", "ref", "referencia", "ticket"]
}
