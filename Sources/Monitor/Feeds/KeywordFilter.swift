import Foundation

/// A feed's keywords: an item is a mention when its title or text contains one, ignoring case and accents.
package struct KeywordFilter: Sendable {
    private let folded: [String]

    package init(_ keywords: [String]) {
        folded = keywords.map(Self.fold).filter { !$0.isEmpty }
    }

    package func matches(_ text: String) -> Bool {
        guard !folded.isEmpty else { return true }
        let haystack = Self.fold(text)
        return folded.contains { haystack.contains($0) }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }
}
