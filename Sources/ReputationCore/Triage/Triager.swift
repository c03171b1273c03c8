/// Reads what a post needs beyond its polarity: its intent (from the scorer's verdict and the intent cues),
/// complaint categories, whether it asks something, private data exposed publicly, a legal threat.
struct Triager: Sendable {
    let rules: TriageRules

    /// The patterns alone over a text, without intent (categories unfiltered): tests of the category, question
    /// and private-data rules.
    func patterns(_ text: String, language: String) -> Triage {
        var text = text
        return text.withUTF8 { bytes in
            let scanned = rules.scanner.scan(bytes: bytes)
            let categories = rules.categories.matches(in: scanned, language: language)
            return Triage(intent: .other, categories: categories, isQuestion: asks(scanned, language: language),
                          privateData: rules.privateData.scan(bytes, scanned: scanned),
                          legalThreat: categories.contains(TriageRules.legalThreat))
        }
    }

    /// Triage over a post already cut into tokens by the scorer, with the scorer's verdict and the evidence bits
    /// of its author's kinds (`authorKinds(of:)`).
    func triage(scanned: ScannedText, utf8 bytes: UnsafeBufferPointer<UInt8>, sentiment: Sentiment,
                authorKinds: UInt64) -> Triage {
        let language = sentiment.language
        let matched = rules.categories.matches(in: scanned, language: language)
        let cueAsks = !rules.questions.matches(in: scanned, language: language).isEmpty
        let asks = scanned.questions > 0 || cueAsks
        var evidence = marks(scanned, utf8: bytes, sentiment: sentiment, questionCue: cueAsks,
                             categories: !matched.isEmpty)
        evidence.bits |= authorKinds | rules.intents.cues.matchBits(in: scanned, language: language)
            | rules.intents.openings.matchBits(in: scanned, language: language, atStart: true)
        let intent = rules.intents.intent(for: evidence)
        // A category is what the customer complains or asks about; legal threats count only in complaints.
        let categories = intent == .complaint || intent == .question ? matched : []
        return Triage(intent: intent, categories: categories, isQuestion: asks,
                      privateData: rules.privateData.scan(bytes, scanned: scanned),
                      legalThreat: intent == .complaint && matched.contains(TriageRules.legalThreat))
    }

    /// The evidence bits of the author kinds ("author:news", "author:blog") their name, handle or site shows.
    func authorKinds(of scanned: ScannedText) -> UInt64 {
        rules.intents.authors.matchBits(in: scanned, language: "other")
    }

    private func asks(_ scanned: ScannedText, language: String) -> Bool {
        scanned.questions > 0 || !rules.questions.matches(in: scanned, language: language).isEmpty
    }

    private func marks(_ scanned: ScannedText, utf8 bytes: UnsafeBufferPointer<UInt8>, sentiment: Sentiment,
                       questionCue: Bool, categories: Bool) -> IntentEvidence {
        var marks = IntentEvidence()
        switch sentiment.label {
        case .negative: marks.insert(.negative)
        case .positive: marks.insert(.positive)
        case .neutral: marks.insert(.neutral)
        }
        if sentiment.score <= -0.5 { marks.insert(.veryNegative) }
        if sentiment.score >= 0.5 { marks.insert(.veryPositive) }
        if scanned.questions > 0 { marks.insert(.questionMark) }
        if questionCue { marks.insert(.questionCue) }
        if categories { marks.insert(.category) }
        if scanned.links > 0 { marks.insert(.link) }
        if scanned.handles > 0 { marks.insert(.handle) }
        if scanned.exclamations > 0 { marks.insert(.exclamation) }
        if scanned.wordCount <= 12 { marks.insert(.short) }
        if Self.hasNames(scanned, bytes) { marks.insert(.names) }
        return marks
    }

    private static func hasNames(_ scanned: ScannedText, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let skipped: Token.Flags = [.clauseStart, .symbol, .hashtag, .allCaps]
        for token in scanned.tokens where token.flags.isDisjoint(with: skipped) {
            let start = Int(token.rawStart)
            let lead = bytes[start]
            // A–Z, or À–Þ (C3 80…9E: Á, É, Ñ, Ó…).
            if (0x41...0x5A).contains(lead) { return true }
            if lead == 0xC3, start + 1 < bytes.count, (0x80...0x9E).contains(bytes[start + 1]) { return true }
        }
        return false
    }
}
