/// The compiled sentiment rules, immutable after loading (hence truly `Sendable`), shared by reference.
final class RuleBook: Sendable {
    let scanner: TextScanner
    let symbols: KeyTable<SentimentRules.Symbol>
    /// Indexed like `SentimentRules.languages`.
    let lexicons: [CompiledLexicon]
    /// For each language (indexed alike), its lexicon first and the other second, with the symbols: what a
    /// post's units are looked up in, handed to the unit builder as one reference (one retain per post, not
    /// six).
    let orders: [LexiconOrder]
    /// Bit 0: a Spanish function word, bit 1: an English one.
    let functionWords: KeyTable<UInt8>
    let settings: ScoringSettings
    /// Per-language settings resolved once, indexed like `SentimentRules.languages` plus "other" last.
    let byLanguage: [ScoringSettings.Language]
    /// The languages monitor.json configures, indexed like `SentimentRules.languages`: only they are detected.
    let enabled: [Bool]
    /// The lexicon a post in no configured language is scored with first: English when it is configured (the
    /// usual second language of posts), else the one configured.
    let otherIndex: Int

    init(scanner: TextScanner, symbols: KeyTable<SentimentRules.Symbol>, lexicons: [CompiledLexicon],
         functionWords: KeyTable<UInt8>, settings: ScoringSettings, enabled: [Bool]) {
        // The word memo packs roles, languages and expression lengths in a few bits (`WordMemo.Layout`).
        precondition(LexiconEntry.Role.allCases.count <= WordMemo.Layout.roles
                     && lexicons.count <= WordMemo.Layout.languages
                     && LanguageLexicon.maxExpressionTokens <= WordMemo.Layout.expressionTokens,
                     "the rules outgrow WordMemo's packed layout: widen WordLookup first")
        self.scanner = scanner
        self.symbols = symbols
        self.lexicons = lexicons
        orders = lexicons.indices.map { index in
            LexiconOrder(primary: lexicons[index], secondary: lexicons[lexicons.count - 1 - index], symbols: symbols)
        }
        self.functionWords = functionWords
        self.settings = settings
        byLanguage = (SentimentRules.languages + ["other"]).map(settings.resolved(for:))
        self.enabled = enabled
        otherIndex = enabled.lastIndex(of: true) ?? lexicons.count - 1
    }

    /// The settings of language `code` ("es", "en", anything else: "other").
    func settings(for code: String) -> ScoringSettings.Language {
        byLanguage[SentimentRules.languages.firstIndex(of: code) ?? byLanguage.count - 1]
    }
}

/// One language's lexicon and the other one, in the order a post in that language looks words up, with the
/// emoji and emoticon table. Immutable, hence truly `Sendable`.
final class LexiconOrder: Sendable {
    let primary: CompiledLexicon
    let secondary: CompiledLexicon
    let symbols: KeyTable<SentimentRules.Symbol>

    init(primary: CompiledLexicon, secondary: CompiledLexicon, symbols: KeyTable<SentimentRules.Symbol>) {
        self.primary = primary
        self.secondary = secondary
        self.symbols = symbols
    }
}
