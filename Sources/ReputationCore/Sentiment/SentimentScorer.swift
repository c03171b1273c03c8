/// Scores a post with the lexicon rules: a valence per word or expression, shaped by negation, boosters,
/// emphasis (CAPS, elongation, "!!!"), contrast ("pero"), concession ("aunque") and sarcasm cues, then squashed
/// into −1…1. Every term that moved the score is returned with its contribution.
public struct SentimentScorer: Sendable {
    public let rules: SentimentRules

    public init(rules: SentimentRules) {
        self.rules = rules
    }

    /// Scores `text`; `languageHint` ("es", "en") breaks ties when the post gives too few clues.
    public func score(_ text: String, languageHint: String? = nil) -> Sentiment {
        var text = text
        return text.withUTF8 { score(utf8: $0, languageHint: languageHint) }
    }

    /// Scores `text` with buffers kept in `scratch` (see `score(utf8:languageHint:scratch:)`).
    public func score(_ text: String, languageHint: String? = nil, scratch: inout ScoringScratch) -> Sentiment {
        var text = text
        return text.withUTF8 { score(utf8: $0, languageHint: languageHint, scratch: &scratch) }
    }

    /// Scores UTF-8 bytes directly (the CLI hands lines over without building a String first).
    public func score(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil) -> Sentiment {
        var scratch = ScoringScratch()
        return score(utf8: bytes, languageHint: languageHint, scratch: &scratch)
    }

    /// Scores UTF-8 bytes with buffers kept in `scratch`: for loops over many posts, which then allocate little
    /// beyond the result. Same result as `score(utf8:languageHint:)`.
    public func score(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil,
                      scratch: inout ScoringScratch) -> Sentiment {
        rules.scanner.scan(bytes: bytes, into: &scratch.scanned)
        return score(scanned: scratch.scanned, utf8: bytes, languageHint: languageHint, units: &scratch.units)
    }

    /// Sentiment and triage of a post read once: the triage rules run over the scorer's tokens.
    public func assess(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil,
                       triager: Triager) -> (Sentiment, Triage) {
        var scratch = ScoringScratch()
        return assess(utf8: bytes, languageHint: languageHint, triager: triager, scratch: &scratch)
    }

    /// Sentiment and triage of a post read once, with buffers kept in `scratch` (see `score(utf8:scratch:)`).
    public func assess(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil, triager: Triager,
                       scratch: inout ScoringScratch) -> (Sentiment, Triage) {
        rules.scanner.scan(bytes: bytes, into: &scratch.scanned)
        let sentiment = score(scanned: scratch.scanned, utf8: bytes, languageHint: languageHint,
                              units: &scratch.units)
        return (sentiment, triager.triage(scanned: scratch.scanned, utf8: bytes, language: sentiment.language))
    }

    /// Sentiment and triage of a post read once.
    public func assess(_ text: String, languageHint: String? = nil, triager: Triager) -> (Sentiment, Triage) {
        var text = text
        return text.withUTF8 { assess(utf8: $0, languageHint: languageHint, triager: triager) }
    }

    private func score(scanned: ScannedText, utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String?,
                       units: inout [ScoringUnit]) -> Sentiment {
        let book = rules.book
        let language = LanguageDetector(book: book).detect(scanned, hint: languageHint)
        let primary = book.lexicons[language.index]
        let secondary = book.lexicons[1 - language.index]
        UnitBuilder(book: book, primary: primary, secondary: secondary, mixed: language.isMixed)
            .units(of: scanned, into: &units)
        let settings = book.settings
        let local = book.settings(for: language.code)
        weigh(&units, scanned: scanned, local: local)
        // Negativity weighting (as in SO-CAL, Taboada et al. 2011): positive words are used so much more often,
        // also politely and ironically, that a negative one says more.
        let negativeWeight = local.negativeWeight
        if negativeWeight != 1 {
            for index in units.indices where units[index].weight < 0 { units[index].weight *= negativeWeight }
        }
        var emphasis: Float = 0
        var sum = units.reduce(Float(0)) { $0 + $1.weight }
        if sum != 0 && scanned.exclamations > 0 {
            emphasis = (sum > 0 ? 1 : -1) * Float(min(scanned.exclamations, settings.maxExclamations))
                * settings.exclamationEmphasis
            sum += emphasis
        }
        let score = Double(sum / (sum * sum + settings.alpha).squareRoot())
        return Sentiment(score: score, label: label(score, local), language: language.code,
                         terms: terms(units, scanned: scanned, bytes: bytes, emphasis: emphasis))
    }

    private func label(_ score: Double, _ local: ScoringSettings.Language) -> Sentiment.Label {
        if score <= local.negativeThreshold { return .negative }
        if score >= local.positiveThreshold { return .positive }
        return .neutral
    }

    /// Turns valences into contributions: emphasis, boosters and negation within three words of the same
    /// clause, then contrast, concession and sarcasm over the whole post.
    private func weigh(_ units: inout [ScoringUnit], scanned: ScannedText, local: ScoringSettings.Language) {
        let settings = rules.book.settings
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
            if units[index].allCaps && shouting { value += sign * settings.capsEmphasis }
            if units[index].elongated { value += sign * settings.elongationEmphasis }
            var negator = -1
            var distance = 1
            var inScope = !units[index].clauseStart && !units[index].isSymbol
            while inScope && distance <= 3 && index - distance >= 0 {
                let before = units[index - distance]
                // "no pasa nada, pero se recomienda": a negation does not reach over "pero".
                if before.role == .contrast || before.role == .concessive { break }
                if before.booster != 0 { value += sign * before.booster * settings.boosterDecay[distance - 1] }
                if before.role == .negator && negator < 0 { negator = index - distance }
                inScope = !before.clauseStart
                distance += 1
            }
            if negator >= 0 {
                // A negated praise word is at least as negative as a bare negation ("don't play" ≤ "don't").
                let floor = local.loneNegatorWeight
                value = value > 0 ? min(value * settings.negationScalar, floor) : value * settings.negatedNegativeScalar
                units[index].termFirst = units[negator].first
                units[negator].negatedSomething = true
            }
            units[index].weight = value
        }
        // A negation that negates no sentiment word still leans negative ("no llegó", "didn't show up"):
        // complaints are told as things that did not happen.
        let lone = local.loneNegatorWeight
        if lone != 0 {
            for index in units.indices where units[index].role == .negator && !units[index].negatedSomething
                && units[index].valence == nil {
                units[index].weight = lone
            }
        }
        applyConcessions(&units)
        applyIrrealis(&units)
        if lastContrast >= 0 {
            for index in units.indices where units[index].weight != 0 {
                units[index].weight *= index < lastContrast ? settings.contrastBefore : settings.contrastAfter
            }
        }
        if sarcasm >= 0 {
            for index in units.indices where units[index].weight > 0 { units[index].weight *= settings.sarcasmFlip }
        }
    }

    /// Praise that is asked about or wished for ("¿es bueno?", "ojalá funcione bien", "I hope it works") has
    /// not happened: positive contributions in a question, or in the clause after an irrealis marker, shrink.
    private func applyIrrealis(_ units: inout [ScoringUnit]) {
        let factor = rules.book.settings.irrealisPositive
        guard factor != 1 else { return }
        var irrealis = false
        for index in units.indices {
            if units[index].clauseStart { irrealis = false }
            if units[index].role == .irrealis { irrealis = true }
            if units[index].weight > 0 && (irrealis || units[index].inQuestion) { units[index].weight *= factor }
        }
    }

    /// "aunque / although": the conceded clause counts less than the one that carries the point.
    private func applyConcessions(_ units: inout [ScoringUnit]) {
        var index = 0
        while index < units.count {
            guard units[index].role == .concessive else {
                index += 1
                continue
            }
            index += 1
            while index < units.count && !units[index].clauseStart {
                units[index].weight *= rules.book.settings.concessive
                index += 1
            }
        }
    }

    /// Whether a unit is shown among the terms: it moved the score, or it turned the post around.
    private static func isTerm(_ unit: ScoringUnit) -> Bool {
        unit.weight != 0 || unit.role == .sarcasm || unit.role == .contrast
    }

    private func terms(_ units: [ScoringUnit], scanned: ScannedText, bytes: UnsafeBufferPointer<UInt8>,
                       emphasis: Float) -> [Sentiment.Term] {
        // Counted first so the array is allocated once, at its size, rather than regrown while appending.
        var count = emphasis != 0 ? 1 : 0
        for unit in units where Self.isTerm(unit) { count += 1 }
        guard count > 0 else { return [] }
        var terms: [Sentiment.Term] = []
        terms.reserveCapacity(count)
        for unit in units where Self.isTerm(unit) {
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
