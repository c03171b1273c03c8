import Foundation
import ReputationCore

/// A person written as one string, the way RSS `<author>`, `<dc:creator>` and `<itunes:author>` write them:
/// `me@example.com (Example editor)`, `Example editor (me@example.com)`, `Example editor <me@example.com>`,
/// `mailto:me@example.com`, or just a name. The email is the word with an `@`, wherever it is; the rest, without
/// its brackets, is the name (feedparser's reading).
enum PersonText {
    static func author(_ text: String) -> Author? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard let at = trimmed.firstIndex(of: "@") else { return Author(name: trimmed) }
        let isBoundary: (Character) -> Bool = { $0.isWhitespace || "()<>[]\"',;".contains($0) }
        let start = trimmed[..<at].lastIndex(where: isBoundary).map { trimmed.index(after: $0) } ?? trimmed.startIndex
        let end = trimmed[at...].firstIndex(where: isBoundary) ?? trimmed.endIndex
        var email = String(trimmed[start..<end])
        if email.lowercased().hasPrefix("mailto:") { email = String(email.dropFirst(7)) }
        let rest = (trimmed[..<start] + " " + trimmed[end...])
            .replacingOccurrences(of: "()", with: " ").replacingOccurrences(of: "<>", with: " ")
        let name = rest.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "()<>[]\"',;")))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Author(name: name.isEmpty ? nil : name, handle: email.isEmpty ? nil : email)
    }
}
