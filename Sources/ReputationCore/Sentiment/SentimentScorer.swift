/// Scores a post with the lexicon rules: a valence per word or expression, shaped by negation, boosters,
/// emphasis (CAPS, elongation, "!!!"), contrast ("pero"), concession ("aunque") and sarcasm cues, then squashed
/// into −1…1. Every term that moved the score is returned with its contribution.
package struct SentimentScorer: Sendable {
    package let rules: SentimentRules

    package init(rules: SentimentRules) {
        self.rules = rules
    }

    /// Scores `text`; `languageHint` ("es", "en") breaks ties when the post gives too few clues.
    package func score(_ text: String, languageHint: String? = nil) -> Sentiment {
        var text = text
        return text.withUTF8 { score(utf8: $0, languageHint: languageHint) }
    }

    /// Scores `text` with buffers kept in `scratch` (see `score(utf8:languageHint:scratch:)`).
    package func score(_ text: String, languageHint: String? = nil, scratch: inout ScoringScratch) -> Sentiment {
        // A native string's bytes are read where they are; only other strings (bridged, lazily decoded) are
        // copied to be made contiguous, as `withUTF8` would copy every one.
        if let sentiment = text.utf8.withContiguousStorageIfAvailable({
            score(utf8: $0, languageHint: languageHint, scratch: &scratch)
        }) {
            return sentiment
        }
        var text = text
        return text.withUTF8 { score(utf8: $0, languageHint: languageHint, scratch: &scratch) }
    }

    /// Scores UTF-8 bytes directly (the CLI hands lines over without building a String first).
    package func score(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil) -> Sentiment {
        var scratch = ScoringScratch()
        return score(utf8: bytes, languageHint: languageHint, scratch: &scratch)
    }

    /// Scores UTF-8 bytes with buffers kept in `scratch`: for loops over many posts, which then allocate little
    /// beyond the result. Same result as `score(utf8:languageHint:)`.
    package func score(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil,
                      scratch: inout ScoringScratch) -> Sentiment {
        rules.scanner.scan(bytes: bytes, into: &scratch.scanned)
        return score(scanned: scratch.scanned, utf8: bytes, languageHint: languageHint, units: &scratch.units,
                     memo: &scratch.memo)
    }

    private func score(scanned: ScannedText, utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String?,
                       units: inout [ScoringUnit], memo: inout WordMemo) -> Sentiment {
        let book = rules.book
        let language = LanguageDetector(book: book).detect(scanned, hint: languageHint)
        memo.prepare(for: book)
        UnitBuilder(order: book.orders[language.index], mixed: language.isMixed)
            .units(of: scanned, into: &units, memo: &memo, tag: WordMemo.tag(primary: language.index,
                                                                             mixed: language.isMixed))
        let local = book.byLanguage[language.isOther ? book.byLanguage.count - 1 : language.index]
        let turns = weigh(&units, scanned: scanned, local: local, book: book)
        var (sum, termCount) = adjust(&units, local: local, turns: turns, book: book)
        var emphasis: Float = 0
        if sum != 0 && scanned.exclamations > 0 {
            emphasis = (sum > 0 ? 1 : -1) * Float(min(scanned.exclamations, book.settings.maxExclamations))
                * book.settings.exclamationEmphasis
            sum += emphasis
            if emphasis != 0 { termCount += 1 }
        }
        let score = Double(sum / (sum * sum + book.settings.alpha).squareRoot())
        return Sentiment(score: score, label: label(score, local), language: language.code,
                         terms: terms(units, count: termCount, scanned: scanned, bytes: bytes, emphasis: emphasis))
    }

    private func label(_ score: Double, _ local: ScoringSettings.Language) -> Sentiment.Label {
        if score <= local.negativeThreshold { return .negative }
        if score >= local.positiveThreshold { return .positive }
        return .neutral
    }

    /// Where the post turns: the last contrast unit ("pero", -1 when none) and whether a sarcasm cue shows.
    private struct Turns {
        var lastContrast = -1
        var sarcasm = false
    }

    /// Turns valences into contributions: emphasis, boosters and negation within three words of the same
    /// clause (the post-wide rules follow in `adjust`).
    /// `book` is passed in (borrowed), not read from `rules` here: a local copy of it cost a retain and a release
    /// per post.
    private func weigh(_ units: inout [ScoringUnit], scanned: ScannedText, local: ScoringSettings.Language,
                       book: RuleBook) -> Turns {
        // Fields read from the book, not a copy of its settings (a copy retains the settings' arrays and tables).
        let shouting = scanned.capsWordCount < scanned.wordCount
        var lastContrast = -1
        var sarcasm = -1
        for index in units.indices {
            switch units[index].role {
            case .contrast: lastContrast = index
            case .sarcasm: sarcasm = index
            default: break
            }
            guard let valence = units[index].valence, valence != 0 else { continue }
            // "pretty low", "bien bonito": a booster before a valence word modifies it instead of counting.
            if units[index].booster != 0, index + 1 < units.count, units[index + 1].valence != nil,
               !units[index + 1].clauseStart, !units[index + 1].isSymbol {
                continue
            }
            let sign: Float = valence > 0 ? 1 : -1
            var value = valence
            if units[index].allCaps && shouting { value += sign * book.settings.capsEmphasis }
            if units[index].elongated { value += sign * book.settings.elongationEmphasis }
            var negator = -1
            var distance = 1
            var inScope = !units[index].clauseStart && !units[index].isSymbol
            while inScope && distance <= 3 && index - distance >= 0 {
                let before = units[index - distance]
                // "no pasa nada, pero se recomienda": a negation does not reach over "pero".
                if before.role == .contrast || before.role == .concessive { break }
                if before.booster != 0 { value += sign * before.booster * book.settings.boosterDecay[distance - 1] }
                if before.role == .negator && negator < 0 { negator = index - distance }
                inScope = !before.clauseStart
                distance += 1
            }
            if negator >= 0 {
                // A negated praise word is at least as negative as a bare negation ("don't play" ≤ "don't").
                let floor = local.loneNegatorWeight
                value = value > 0 ? min(value * book.settings.negationScalar, floor)
                    : value * book.settings.negatedNegativeScalar
                units[index].termFirst = units[negator].first
                units[negator].negatedSomething = true
            }
            units[index].weight = value
        }
        return Turns(lastContrast: lastContrast, sarcasm: sarcasm >= 0)
    }

    /// The post-wide rules, unit by unit in one loop: each weight goes through them in the order they were
    /// once applied in separate passes (lone negation, concession, irrealis, contrast, sarcasm, negativity), so
    /// the float results are the same. Returns the sum of the weights (added in unit order) and the number of
    /// units shown as terms.
    private func adjust(_ units: inout [ScoringUnit], local: ScoringSettings.Language,
                        turns: Turns, book: RuleBook) -> (Float, Int) {
        let lone = local.loneNegatorWeight
        let concessive = book.settings.concessive
        let irrealisFactor = book.settings.irrealisPositive
        let contrastBefore = book.settings.contrastBefore
        let contrastAfter = book.settings.contrastAfter
        let sarcasmFlip = book.settings.sarcasmFlip
        let negativeWeight = local.negativeWeight
        var conceding = false
        var irrealis = false
        var sum: Float = 0
        var termCount = 0
        for index in units.indices {
            let unit = units[index]
            var weight = unit.weight
            // A negation that negates no sentiment word still leans negative ("no llegó", "didn't show up"):
            // complaints are told as things that did not happen.
            if lone != 0 && unit.role == .negator && !unit.negatedSomething && unit.valence == nil { weight = lone }
            // "aunque / although": the conceded clause (up to the next clause start) counts less than the one
            // that carries the point.
            if conceding && !unit.clauseStart { weight *= concessive } else { conceding = unit.role == .concessive }
            // Praise that is asked about or wished for ("¿es bueno?", "ojalá funcione bien") has not happened:
            // positive contributions in a question, or in the clause after an irrealis marker, shrink.
            if irrealisFactor != 1 {
                if unit.clauseStart { irrealis = false }
                if unit.role == .irrealis { irrealis = true }
                if weight > 0 && (irrealis || unit.inQuestion) { weight *= irrealisFactor }
            }
            if turns.lastContrast >= 0 && weight != 0 {
                weight *= index < turns.lastContrast ? contrastBefore : contrastAfter
            }
            if turns.sarcasm && weight > 0 { weight *= sarcasmFlip }
            // Negativity weighting (as in SO-CAL, Taboada et al. 2011): positive words are used so much more
            // often, also politely and ironically, that a negative one says more.
            if negativeWeight != 1 && weight < 0 { weight *= negativeWeight }
            units[index].weight = weight
            sum += weight
            if Self.isTerm(weight, unit.role) { termCount += 1 }
        }
        return (sum, termCount)
    }

    /// Whether a unit is shown among the terms: it moved the score, or it turned the post around.
    @inline(__always)
    private static func isTerm(_ weight: Float, _ role: LexiconEntry.Role) -> Bool {
        weight != 0 || role == .sarcasm || role == .contrast
    }

    /// The terms of `units` (`count` of them, counted while adjusting, plus the emphasis): the array is
    /// allocated once, at its size, rather than regrown while appending.
    private func terms(_ units: [ScoringUnit], count: Int, scanned: ScannedText, bytes: UnsafeBufferPointer<UInt8>,
                       emphasis: Float) -> [Sentiment.Term] {
        guard count > 0 else { return [] }
        var terms: [Sentiment.Term] = []
        terms.reserveCapacity(count)
        for unit in units where Self.isTerm(unit.weight, unit.role) {
            let start = Int(scanned.tokens[Int(unit.termFirst)].rawStart)
            let end = Int(scanned.tokens[Int(unit.last)].rawEnd)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            terms.append(Sentiment.Term(text: text, weight: Double(unit.weight)))
        }
        if emphasis != 0 {
            terms.append(Sentiment.Term(text: String(repeating: "!", count: min(scanned.exclamations, 4)),
                                        weight: Double(emphasis)))
        }
        return terms
    }
}
