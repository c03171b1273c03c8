import Foundation
import ReputationCore

/// Words that make an item a mention — a feed's `keywords`, or the brand's `terms` — matched in its title and text,
/// ignoring case and accents, as whole words, handles, hashtags or domains: "casa alba" is in "¡Casa Alba!" and
/// "casa-alba", not in "casa albaricoque"; "casaalba" is in "@CasaAlba", "#casaalba" and "casaalba.es/pedido", not
/// in "micasaalba" or "@casaalba_fan". A term's edge that is itself punctuation ("@casaalba", "casaalba.es")
/// needs no boundary on that side.
package struct KeywordFilter: Sendable {
    private let terms: [[Unicode.Scalar]]

    package init(_ keywords: [String]) {
        terms = keywords.map { Array(Self.fold($0).unicodeScalars) }.filter { !$0.isEmpty }
    }

    /// No terms: nothing to look for.
    package var isEmpty: Bool { terms.isEmpty }

    /// Whether `text` holds one of the terms; true when there are none.
    package func matches(_ text: String) -> Bool {
        guard !terms.isEmpty else { return true }
        let haystack = Array(Self.fold(text).unicodeScalars)
        return terms.contains { Self.occurs($0, in: haystack) }
    }

    /// The item's title and text, as feeds give them.
    package func matches(_ item: FeedItem) -> Bool { matches((item.title ?? "") + " " + item.text) }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func occurs(_ term: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Bool {
        guard term.count <= text.count, let first = term.first else { return false }
        let checksBefore = isWordScalar(first)
        let checksAfter = isWordScalar(term[term.count - 1])
        var start = 0
        while start + term.count <= text.count {
            defer { start += 1 }
            guard text[start] == first else { continue }
            var k = 1
            while k < term.count, text[start + k] == term[k] { k += 1 }
            guard k == term.count else { continue }
            if checksBefore, start > 0, isWordScalar(text[start - 1]) { continue }
            let end = start + term.count
            if checksAfter, end < text.count, isWordScalar(text[end]) { continue }
            return true
        }
        return false
    }

    /// Letters, digits and `_` (handles use it): what a term must not run into.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }
}
