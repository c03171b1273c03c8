import Foundation

/// How a suggested reply greets the author: `u/name` on Reddit, `@handle` on networks of handles, the display
/// name elsewhere. The brand posts this publicly, so a name is never taken verbatim: no URLs, no @-mentions,
/// no control, bidi or zero-width characters, at most `maximumLength` characters; when nothing is left, the
/// handle, else no name.
package enum ReplyName {
    static let maximumLength = 40
    /// Channels whose people are addressed by handle.
    static let handleChannels: Set<String> = [
        "x", "twitter", "mastodon", "bluesky", "threads", "instagram", "tiktok",
    ]

    package static func greeting(for author: Author, channel: String) -> String {
        // Some feeds give only "@handle" as the author's name.
        let handle = cleanHandle(author.handle)
            ?? author.name.flatMap { $0.hasPrefix("@") ? cleanHandle($0) : nil }
        let lowered = channel.lowercased()
        if lowered == "reddit", let handle { return "u/" + handle }
        if handleChannels.contains(lowered), let handle { return "@" + handle }
        if let name = author.name.flatMap(cleanName) { return name }
        guard let handle else { return "" }
        return lowered == "reddit" ? "u/" + handle : "@" + handle
    }

    /// "@Ana_G@mastodon.social" → "Ana_G@mastodon.social"; "u/ana" → "ana"; only handle characters, bounded.
    static func cleanHandle(_ handle: String?) -> String? {
        guard var text = handle?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.lowercased().hasPrefix("u/") { text.removeFirst(2) }
        while text.hasPrefix("@") { text.removeFirst() }
        guard !text.isEmpty, text.count <= 64,
              text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.handle.contains($0)) }) else { return nil }
        return text
    }

    /// The display name without the bio people append ("Lucía Arranz · interiores"), URLs, @-mentions and
    /// invisible characters, cut at a word to `maximumLength`; nil when nothing readable is left.
    static func cleanName(_ name: String) -> String? {
        let scalars = name.unicodeScalars
        let visible = scalars.contains(where: isInvisible)
            ? String(String.UnicodeScalarView(scalars.map { isInvisible($0) ? " " : $0 })) : name
        let cut = visible.split(whereSeparator: { bioSeparators.contains($0) }).first.map(String.init) ?? ""
        let words = cut.split(whereSeparator: \.isWhitespace).filter { word in
            let lowered = word.lowercased()
            return !word.hasPrefix("@") && !word.hasPrefix("#") && !lowered.contains("http") && !lowered.contains("www.")
                && !looksLikeDomain(lowered) && word.contains(where: \.isLetter)
        }
        var result = ""
        for word in words {
            let next = result.isEmpty ? String(word) : result + " " + word
            if next.count > maximumLength { break }
            result = next
        }
        return result.isEmpty ? nil : result
    }

    /// What people put between their name and their bio.
    private static let bioSeparators = Set("·|•–—(/[<>{}")

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: true
        default: false
        }
    }

    /// "casaalba-ofertas.com", "bit.ly": a dot between letters, ending in two or more letters.
    private static func looksLikeDomain(_ word: String) -> Bool {
        let trimmed = word.trimmingCharacters(in: .punctuationCharacters)
        guard let dot = trimmed.lastIndex(of: "."), dot != trimmed.startIndex else { return false }
        let tail = trimmed[trimmed.index(after: dot)...]
        return tail.count >= 2 && tail.allSatisfy(\.isLetter)
    }
}

extension CharacterSet {
    /// Letters, digits and the marks handles use (`_`, `.`, `-`, `@` of a Mastodon instance).
    fileprivate static let handle = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-@")
}
