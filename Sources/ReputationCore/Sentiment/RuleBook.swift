/// The compiled sentiment rules, immutable after loading (hence truly `Sendable`), shared by reference.
final class RuleBook: Sendable {
    let scanner: TextScanner
    let symbols: KeyTable<SentimentRules.Symbol>
    /// Indexed like `SentimentRules.languages`.
    let lexicons: [CompiledLexicon]
    /// Bit 0: a Spanish function word, bit 1: an English one.
    let functionWords: KeyTable<UInt8>
    let settings: ScoringSettings
    /// Per-language settings resolved once, indexed like `SentimentRules.languages` plus "other" last.
    let byLanguage: [ScoringSettings.Language]

    init(scanner: TextScanner, symbols: KeyTable<SentimentRules.Symbol>, lexicons: [CompiledLexicon],
         functionWords: KeyTable<UInt8>, settings: ScoringSettings) {
        self.scanner = scanner
        self.symbols = symbols
        self.lexicons = lexicons
        self.functionWords = functionWords
        self.settings = settings
        byLanguage = (SentimentRules.languages + ["other"]).map(settings.resolved(for:))
    }

    /// The settings of language `code` ("es", "en", anything else: "other").
    func settings(for code: String) -> ScoringSettings.Language {
        byLanguage[SentimentRules.languages.firstIndex(of: code) ?? byLanguage.count - 1]
    }
}
