import Foundation

/// Everything the scorer knows, built once from the rule files: per-language lexicons and modifiers, emoji and
/// emoticons, the function words that tell the languages apart, and the scoring settings.
package struct SentimentRules: Sendable {
    /// The languages scored, in the order their lexicons are kept.
    package static let languages = ["es", "en"]
    /// The file names a rules folder (or an overlay) may hold.
    package static let fileNames = ["lexicon-es.tsv", "lexicon-en.tsv", "modifiers-es.tsv", "modifiers-en.tsv",
                                   "emoji.tsv", "function-words.tsv", "settings.tsv"]

    /// An emoji or emoticon's valence, and whether it signals sarcasm ("¬¬", "🙄").
    struct Symbol: Sendable {
        var valence: Float
        var isSarcasm: Bool
    }

    /// All of it behind one reference: the scorer passes the rules around per post, and copying one
    /// reference costs one retain where copying the tables would cost a dozen.
    let book: RuleBook

    var scanner: TextScanner { book.scanner }
    var lexicons: [CompiledLexicon] { book.lexicons }
    var settings: ScoringSettings { book.settings }

    /// The rules shipped in the package (Rules/ resource), plus an optional overlay folder whose files
    /// (same names as the bundled ones, e.g. feeds/rules/lexicon-es.tsv) add or override entries.
    /// `languages` (monitor.json's, a subset of `languages`) are the ones posts are told apart in and scored with:
    /// the lexicon, modifiers and function words of any other are read (a broken file is still an error) but not
    /// used, so with `["es"]` every post is Spanish or "other", scored with the Spanish lexicon alone.
    package static func load(overlay: URL? = nil, languages: [String] = SentimentRules.languages) throws(RulesError) -> SentimentRules {
        try load(from: RuleFiles.locate(overlay: overlay), languages: languages)
    }

    package static func load(from files: RuleFiles, languages: [String] = SentimentRules.languages) throws(RulesError) -> SentimentRules {
        try SentimentRules(languages: languages) { (name, columns) throws(RulesError) in
            try files.tables(name, columns: columns)
        }
    }

    /// Builds the rules from file contents keyed by file name: pure, for tests and tools. Missing names
    /// count as empty files.
    package init(contents: [String: String], languages: [String] = SentimentRules.languages) throws(RulesError) {
        try self.init(languages: languages) { (name, columns) throws(RulesError) in
            [try RuleTable.parse(contents[name] ?? "", file: name, columns: columns)]
        }
    }

    init(languages selected: [String] = SentimentRules.languages, tables: (String, ClosedRange<Int>) throws(RulesError) -> [RuleTable])
        throws(RulesError)
    {
        // monitor.json's reader refuses any other code (exit 65, naming the file and key) before rules are built.
        precondition(!selected.isEmpty && selected.allSatisfy(Self.languages.contains),
                     "languages \(selected) must be among \(Self.languages)")
        let enabled = Self.languages.map(selected.contains)
        var symbols: [UInt64: Symbol] = [:]
        var emoticons = Set<UInt64>()
        var longest = 2
        for table in try tables("emoji.tsv", 2...3) {
            for row in table.rows {
                let valence = Float(try table.number(row, 1, in: -4...4))
                let flag = row.fields.count > 2 ? row.fields[2] : ""
                guard flag.isEmpty || flag == "sarcasm" else {
                    throw .badLine(file: table.file, line: row.line, reason: "third field must be 'sarcasm' or empty")
                }
                let (hash, isEmoticon) = Self.symbolKey(row.fields[0])
                symbols[hash] = Symbol(valence: valence, isSarcasm: flag == "sarcasm")
                if isEmoticon {
                    emoticons.insert(hash)
                    longest = max(longest, row.fields[0].utf8.count)
                }
            }
        }
        let scanner = TextScanner(emoticons: emoticons, longestEmoticon: longest)
        var settings = ScoringSettings()
        for table in try tables("settings.tsv", 2...2) { try settings.apply(table) }
        var functionWords: [UInt64: UInt8] = [:]
        for table in try tables("function-words.tsv", 2...2) {
            try Self.addFunctionWords(table, to: &functionWords, scanner: scanner)
        }
        Self.keepLanguages(enabled, in: &functionWords)
        var lexicons: [CompiledLexicon] = []
        for (index, code) in Self.languages.enumerated() {
            // A language not configured keeps its place with an empty lexicon: lookups in it find nothing, and the
            // scorer's per-post path stays the same (no branch on the configuration per word).
            var lexicon = LanguageLexicon(code: code)
            var unused = LanguageLexicon(code: code)
            for table in try tables("lexicon-\(code).tsv", 2...2) {
                if enabled[index] {
                    try lexicon.addLexicon(table, scanner: scanner)
                } else {
                    try unused.addLexicon(table, scanner: scanner)
                }
            }
            for table in try tables("modifiers-\(code).tsv", 2...3) {
                if enabled[index] {
                    try lexicon.addModifiers(table, scanner: scanner)
                } else {
                    try unused.addModifiers(table, scanner: scanner)
                }
            }
            lexicons.append(CompiledLexicon(lexicon))
        }
        book = RuleBook(scanner: scanner, symbols: KeyTable(symbols), lexicons: lexicons,
                        functionWords: KeyTable(functionWords), settings: settings, enabled: enabled)
    }

    /// Function words of languages not configured tell nothing: a word of one of them is dropped, a word both
    /// languages use stays "both" (it tells nothing either way), so with `["es"]` no English evidence remains.
    private static func keepLanguages(_ enabled: [Bool], in functionWords: inout [UInt64: UInt8]) {
        let all = UInt8((1 << languages.count) - 1)
        let mask = enabled.enumerated().reduce(UInt8(0)) { $0 | ($1.element ? 1 << UInt8($1.offset) : 0) }
        guard mask != all else { return }
        functionWords = functionWords.compactMapValues { bits in
            if bits == all { return bits }
            let kept = bits & mask
            return kept == 0 ? nil : kept
        }
    }

    /// Emoji are keyed by their first emoji scalar alone (variation selectors and skin tones dropped, as the
    /// scanner does); emoticons by their exact bytes.
    private static func symbolKey(_ symbol: String) -> (UInt64, Bool) {
        for scalar in symbol.unicodeScalars where TextScanner.isEmoji(scalar.value) {
            return (FNV.hash(String(scalar).utf8), false)
        }
        return (FNV.hash(symbol.utf8), true)
    }

    private static func addFunctionWords(_ table: RuleTable, to functionWords: inout [UInt64: UInt8],
                                         scanner: TextScanner) throws(RulesError) {
        for row in table.rows {
            guard let index = languages.firstIndex(of: row.fields[0]) else {
                throw .badLine(file: table.file, line: row.line, reason: "unknown language '\(row.fields[0])'")
            }
            for token in scanner.scan(row.fields[1]).tokens {
                functionWords[token.hash, default: 0] |= 1 << UInt8(index)
            }
        }
    }
}
