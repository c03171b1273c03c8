/// Tells Spanish from English by the function words a post uses ("que", "el", "the", "is") and marks only
/// Spanish has (ñ, ¿, ¡, acute accents); a post with none of those is judged by which lexicon knows its words.
struct LanguageDetector {
    struct Result {
        /// Index into `SentimentRules.languages` of the lexicon to score with first.
        var index: Int
        /// "es", "en" or "other".
        var code: String
        /// The other language shows too (one of its function words at least): its lexicon may fill gaps.
        var isMixed = false
        /// The code is "other" (its settings are the last of `RuleBook.byLanguage`): told without comparing
        /// strings per post.
        var isOther = false
    }

    let book: RuleBook

    /// Only the configured languages count: with `["es"]` no English evidence exists (its function words and
    /// lexicon are empty), so a post is Spanish or "other"; with `["en"]`, Spanish marks (ñ, ¿, accents) and a
    /// Spanish hint count for nothing.
    func detect(_ scanned: ScannedText, hint: String?) -> Result {
        let readsSpanish = book.enabled[0]
        let readsEnglish = book.enabled[1]
        var spanish = readsSpanish ? min(scanned.spanishMarks, 3) * 2 : 0
        var english = 0
        var seen = 0
        for token in scanned.tokens where !token.flags.contains(.symbol) {
            seen += 1
            if seen > 80 { break }
            // Words both languages use ("no", "me", "a") tell nothing.
            guard let bits = book.functionWords[token.hash], bits != 3 else { continue }
            spanish += Int(bits & 1) * 2
            english += Int(bits >> 1 & 1) * 2
        }
        let mixed = spanish >= 2 && english >= 2
        if spanish == english {
            let (lexiconSpanish, lexiconEnglish) = lexiconEvidence(scanned)
            spanish += lexiconSpanish
            english += lexiconEnglish
        }
        // As `SentimentRules.languages.firstIndex(of: hint)` (es, en), without reaching the global per post.
        if let hint {
            if hint == "es", readsSpanish { spanish += 1 } else if hint == "en", readsEnglish { english += 1 }
        }
        if spanish > english { return Result(index: 0, code: "es", isMixed: mixed) }
        if english > spanish { return Result(index: 1, code: "en", isMixed: mixed) }
        if spanish == 0 { return Result(index: book.otherIndex, code: "other", isMixed: true, isOther: true) }
        return Result(index: 0, code: "es", isMixed: true)
    }

    /// Words only one lexicon knows: enough for "Pésimo servicio" or "Terrible service".
    private func lexiconEvidence(_ scanned: ScannedText) -> (Int, Int) {
        var spanish = 0
        var english = 0
        for token in scanned.tokens.prefix(40) where token.flags.contains(.hasLetter) {
            let inSpanish = book.lexicons[0].entries[token.hash] != nil
            let inEnglish = book.lexicons[1].entries[token.hash] != nil
            if inSpanish && !inEnglish { spanish += 2 }
            if inEnglish && !inSpanish { english += 2 }
        }
        return (spanish, english)
    }
}
