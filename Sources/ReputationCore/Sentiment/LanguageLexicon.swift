/// One language's words and expressions, keyed by the hash of their folded form, plus its stems ("frustr*").
struct LanguageLexicon: Sendable {
    /// The most words an expression may have (the files say so; the word memo packs the length in four bits).
    static let maxExpressionTokens = 8

    var code: String
    var entries: [UInt64: LexiconEntry] = [:]
    /// Prefix entries: a folded word starting with the stem takes its valence, when no exact entry exists.
    var stems: [UInt64: Float] = [:]
    /// Bit n set when some stem is n bytes long, so only those prefix lengths are tried.
    var stemLengths: UInt32 = 0
    /// The stems' first three folded bytes (`StemHeads.pack`): a word whose first three bytes are none of these
    /// starts with no stem, and most words are told so by one test instead of one lookup per stem length.
    var stemHeads: Set<UInt32> = []
    /// Hashes of the first 2…n−1 words of every expression of n words: while the words after a token still
    /// start some expression, a longer match is possible; once they don't, the search can stop.
    var expressionHeads: Set<UInt64> = []
    /// Hashes of the first two words of every expression: a word followed by a word that makes none of these
    /// starts no expression, which one lookup tells (most expression-starting words are not followed so).
    var expressionPairs: Set<UInt64> = []

    init(code: String) {
        self.code = code
    }

    /// Adds the valence rows of a lexicon file: `term <TAB> valence`.
    mutating func addLexicon(_ table: RuleTable, scanner: TextScanner) throws(RulesError) {
        for row in table.rows {
            let valence = Float(try table.number(row, 1, in: -4...4))
            var term = row.fields[0]
            if term.hasSuffix("*") {
                term.removeLast()
                try addStem(term, valence: valence, table: table, row: row, scanner: scanner)
                continue
            }
            try update(term, table: table, row: row, scanner: scanner) { $0.valence = valence }
        }
    }

    /// Adds the rows of a modifier file: `kind <TAB> term [<TAB> value]`.
    mutating func addModifiers(_ table: RuleTable, scanner: TextScanner) throws(RulesError) {
        for row in table.rows {
            guard row.fields.count >= 2 else {
                throw .badLine(file: table.file, line: row.line, reason: "expected kind, term [, value]")
            }
            let term = row.fields[1]
            switch row.fields[0] {
            case "booster", "diminisher":
                let value = Float(try table.number(row, 2, in: -4...4))
                try update(term, table: table, row: row, scanner: scanner) { $0.booster = value }
            case "negator": try update(term, table: table, row: row, scanner: scanner) { $0.role = .negator }
            case "contrast": try update(term, table: table, row: row, scanner: scanner) { $0.role = .contrast }
            case "concessive": try update(term, table: table, row: row, scanner: scanner) { $0.role = .concessive }
            case "sarcasm": try update(term, table: table, row: row, scanner: scanner) { $0.role = .sarcasm }
            case "irrealis": try update(term, table: table, row: row, scanner: scanner) { $0.role = .irrealis }
            default:
                throw .badLine(file: table.file, line: row.line, reason:
                    "unknown modifier kind '\(row.fields[0])' (booster, diminisher, negator, contrast, concessive, sarcasm, irrealis)")
            }
        }
    }

    private mutating func addStem(_ stem: String, valence: Float, table: RuleTable, row: RuleTable.Row,
                                  scanner: TextScanner) throws(RulesError) {
        let scanned = scanner.scan(stem)
        guard scanned.tokens.count == 1, let token = scanned.tokens.first, (3...31).contains(token.foldCount) else {
            throw .badLine(file: table.file, line: row.line, reason: "a stem must be one word of 3 letters or more")
        }
        stems[token.hash] = valence
        stemLengths |= 1 << UInt32(token.foldCount)
        let start = Int(token.foldStart)
        stemHeads.insert(StemHeads.pack(scanned.folded[start], scanned.folded[start + 1], scanned.folded[start + 2]))
    }

    /// Applies `change` to the entry of `term` (a word or an expression), creating it if needed.
    private mutating func update(_ term: String, table: RuleTable, row: RuleTable.Row, scanner: TextScanner,
                                 _ change: (inout LexiconEntry) -> Void) throws(RulesError) {
        let scanned = scanner.scan(term)
        guard !scanned.tokens.isEmpty, scanned.tokens.count <= Self.maxExpressionTokens else {
            throw .badLine(file: table.file, line: row.line,
                           reason: "'\(term)' has no word in it, or more than \(Self.maxExpressionTokens)")
        }
        let key = scanned.tokens.count == 1 ? scanned.tokens[0].hash
            : Self.expressionHash(scanned, from: 0, count: scanned.tokens.count)
        change(&entries[key, default: LexiconEntry()])
        if scanned.tokens.count > 2 {
            for count in 2..<scanned.tokens.count {
                expressionHeads.insert(Self.expressionHash(scanned, from: 0, count: count))
            }
        }
        if scanned.tokens.count > 1 {
            expressionPairs.insert(Self.expressionHash(scanned, from: 0, count: 2))
            let first = scanned.tokens[0].hash
            let longest = max(entries[first, default: LexiconEntry()].longestExpression, UInt8(scanned.tokens.count))
            entries[first, default: LexiconEntry()].longestExpression = longest
        }
    }

    /// The key of a multi-word expression: the first token's hash joined with the next ones' (`FNV.join`).
    static func expressionHash(_ scanned: ScannedText, from first: Int, count: Int) -> UInt64 {
        var hash: UInt64 = 0
        for index in first..<(first + count) {
            let token = scanned.tokens[index]
            if token.flags.contains(.symbol) { return 0 }
            hash = index == first ? token.hash : FNV.join(hash, token.hash)
        }
        return hash
    }
}
