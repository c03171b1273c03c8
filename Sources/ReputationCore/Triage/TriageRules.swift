import Foundation

/// The triage rule sets, built once: complaint categories (categories.tsv), question cues (questions.tsv), the
/// words that announce an order number (private-data.tsv) and how intent is read (`IntentRules`).
package struct TriageRules: Sendable {
    package static let fileNames = ["categories.tsv", "questions.tsv", "private-data.tsv"] + IntentRules.fileNames
    /// The category id that marks a legal threat ("denuncia", "abogado", "OCU").
    package static let legalThreat = "legal_threat"

    var scanner: TextScanner
    var categories: PatternSet
    var questions: PatternSet
    var privateData: PrivateDataScanner
    var intents: IntentRules

    /// The rules shipped in the package plus an optional overlay folder (same file names) that adds patterns.
    /// Patterns of a language not in `languages` (monitor.json's) are not used, as its lexicon is not.
    package static func load(overlay: URL? = nil, languages: [String] = SentimentRules.languages)
        throws(RulesError) -> TriageRules
    {
        let files = try RuleFiles.locate(overlay: overlay)
        return try TriageRules(languages: languages) { (name, columns) throws(RulesError) in
            try files.tables(name, columns: columns)
        }
    }

    /// Builds the rules from file contents keyed by file name: pure, for tests and tools.
    package init(contents: [String: String], languages: [String] = SentimentRules.languages) throws(RulesError) {
        try self.init(languages: languages) { (name, columns) throws(RulesError) in
            [try RuleTable.parse(contents[name] ?? "", file: name, columns: columns)]
        }
    }

    /// The files whose second column is a pattern's language.
    static let languageTaggedFiles = ["categories.tsv", "questions.tsv", "intent-cues.tsv", "authors.tsv"]

    init(languages: [String] = SentimentRules.languages,
         tables allTables: (String, ClosedRange<Int>) throws(RulesError) -> [RuleTable]) throws(RulesError) {
        let unused = SentimentRules.languages.filter { !languages.contains($0) }
        func tables(_ name: String, _ columns: ClosedRange<Int>) throws(RulesError) -> [RuleTable] {
            var found = try allTables(name, columns)
            guard !unused.isEmpty, Self.languageTaggedFiles.contains(name) else { return found }
            for index in found.indices { found[index].rows.removeAll { unused.contains($0.fields[1]) } }
            return found
        }
        scanner = TextScanner(emoticons: [], longestEmoticon: 2)
        categories = PatternSet()
        questions = PatternSet()
        for table in try tables("categories.tsv", 3...3) { try Self.add(table, to: &categories, scanner: scanner) }
        for table in try tables("questions.tsv", 3...3) { try Self.add(table, to: &questions, scanner: scanner) }
        categories.freeze()
        questions.freeze()
        var cues = Set<UInt64>()
        for table in try tables("private-data.tsv", 3...3) {
            for row in table.rows {
                guard row.fields[0] == "order_cue" else {
                    throw .badLine(file: table.file, line: row.line, reason: "unknown kind '\(row.fields[0])' (order_cue)")
                }
                for token in scanner.scan(row.fields[2]).tokens { cues.insert(token.hash) }
            }
        }
        privateData = PrivateDataScanner(orderCues: cues)
        intents = try IntentRules(tables: tables, scanner: scanner)
    }

    /// Rows `id <TAB> language (es, en or *) <TAB> pattern`.
    static func add(_ table: RuleTable, to set: inout PatternSet, scanner: TextScanner,
                    bit: (String) -> UInt64 = { _ in 0 }) throws(RulesError) {
        for row in table.rows {
            let language = row.fields[1]
            guard language == "*" || SentimentRules.languages.contains(language) else {
                throw .badLine(file: table.file, line: row.line, reason: "unknown language '\(language)' (es, en, *)")
            }
            set.add(try PhrasePattern(id: row.fields[0], language: language == "*" ? nil : language,
                                      text: row.fields[2], scanner: scanner, file: table.file, line: row.line),
                    bit: bit(row.fields[0]))
        }
    }
}
