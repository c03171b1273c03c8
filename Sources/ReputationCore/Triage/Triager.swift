/// Reads what a post needs beyond its polarity: complaint categories, whether it asks something, private data
/// exposed publicly, a legal threat.
public struct Triager: Sendable {
    public let rules: TriageRules

    public init(rules: TriageRules) {
        self.rules = rules
    }

    /// `language` is the post's language as the scorer detected it ("es", "en", "other": all patterns apply).
    public func triage(_ text: String, language: String) -> Triage {
        var text = text
        return text.withUTF8 { triage(utf8: $0, language: language) }
    }

    public func triage(utf8 bytes: UnsafeBufferPointer<UInt8>, language: String) -> Triage {
        triage(scanned: rules.scanner.scan(bytes: bytes), utf8: bytes, language: language)
    }

    /// Triage over a post already cut into tokens (the scorer's scan, so `assess` reads a post once).
    func triage(scanned: ScannedText, utf8 bytes: UnsafeBufferPointer<UInt8>, language: String) -> Triage {
        let categories = rules.categories.matches(in: scanned, language: language)
        let asks = scanned.questions > 0 || !rules.questions.matches(in: scanned, language: language).isEmpty
        return Triage(categories: categories, isQuestion: asks,
                      privateData: rules.privateData.scan(bytes, scanned: scanned),
                      legalThreat: categories.contains(TriageRules.legalThreat))
    }
}
