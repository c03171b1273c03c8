import Foundation

/// What identifies a customer across channels: their handle (without "@" and instance) and any order numbers they
/// quote. Keys are hashed so the journal does not repeat order numbers in clear.
public enum CustomerIdentity {
    public static func keys(author: Author, text: String) -> [String] {
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
        let words = text.lowercased().split { $0.isWhitespace || $0 == ":" }.map(String.init)
        var found: [String] = []
        for (index, word) in words.enumerated() {
            let cleaned = word.trimmingCharacters(in: CharacterSet.alphanumerics.inverted.subtracting(["#"]))
            let candidate: String
            if cleaned.hasPrefix("#") {
                candidate = String(cleaned.dropFirst())
            } else if index > 0, cues.contains(where: { words[index - 1].hasPrefix($0) })
                || (index > 1 && cues.contains(where: { words[index - 2].hasPrefix($0) }))
            {
                candidate = cleaned
            } else {
                continue
            }
            let normalized = candidate.filter { $0.isLetter || $0.isNumber }.uppercased()
            if normalized.filter(\.isNumber).count >= 5, !found.contains(normalized) { found.append(normalized) }
        }
        return found
    }

    static let cues = ["pedido", "order", "nº", "n.º", "num", "número", "reserva", "booking", "ref", "referencia", "ticket"]
}
