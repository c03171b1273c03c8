/// How intent is read, as data: cues (intent-cues.tsv: `cue <TAB> language <TAB> pattern`), author kinds
/// (authors.tsv: `kind <TAB> language <TAB> pattern`, matched in the author's name, handle and site) and weights
/// (intents.tsv: `intent <TAB> evidence <TAB> weight`). Each intent's score is the sum of the weights whose
/// evidence the post shows; the highest wins (ties in `Intent` order). Evidence is a built-in mark
/// (`IntentEvidence.Mark`), a cue name, `author:<kind>`, `base` (always present), or several joined by `+`
/// (all present), each of them negated with a leading `!` (absent). A cue whose name ends in `_opening` counts only
/// when the post starts with it ("can it be wall mounted": a question without its mark).
struct IntentRules: Sendable {
    static let fileNames = ["intent-cues.tsv", "authors.tsv", "intents.tsv"]

    struct Weight: Sendable {
        var intent: Intent
        /// Each term: evidence name and whether it must be present (false: absent).
        var terms: [(name: String, present: Bool)]
        var value: Double
    }

    var cues = PatternSet()
    /// The `_opening` cues: matched at the post's first word only.
    var openings = PatternSet()
    var authors = PatternSet()
    var weights: [Weight] = []

    init(tables: (String, ClosedRange<Int>) throws(RulesError) -> [RuleTable], scanner: TextScanner)
        throws(RulesError) {
        var cueNames: Set<String> = []
        for table in try tables("intent-cues.tsv", 3...3) {
            var anywhere = table, opening = table
            anywhere.rows.removeAll { $0.fields[0].hasSuffix("_opening") }
            opening.rows.removeAll { !$0.fields[0].hasSuffix("_opening") }
            try TriageRules.add(anywhere, to: &cues, scanner: scanner)
            try TriageRules.add(opening, to: &openings, scanner: scanner)
            for row in table.rows { cueNames.insert(row.fields[0]) }
        }
        for table in try tables("authors.tsv", 3...3) {
            try TriageRules.add(table, to: &authors, scanner: scanner)
            for row in table.rows { cueNames.insert("author:" + row.fields[0]) }
        }
        cues.freeze()
        openings.freeze()
        authors.freeze()
        for table in try tables("intents.tsv", 3...3) {
            for row in table.rows { weights.append(try Self.weight(row, file: table.file, cueNames: cueNames)) }
        }
    }

    private static func weight(_ row: RuleTable.Row, file: String, cueNames: Set<String>) throws(RulesError)
        -> Weight {
        guard let intent = Intent(rawValue: row.fields[0]) else {
            let known = Intent.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badLine(file: file, line: row.line, reason: "unknown intent '\(row.fields[0])' (\(known))")
        }
        guard let value = Double(row.fields[2]), value.isFinite, abs(value) <= 100 else {
            throw .badLine(file: file, line: row.line, reason: "weight '\(row.fields[2])' is not a number in -100…100")
        }
        var terms: [(name: String, present: Bool)] = []
        for piece in row.fields[1].split(separator: "+") {
            let present = !piece.hasPrefix("!")
            let name = String(present ? piece : piece.dropFirst())
            guard name == "base" || IntentEvidence.Mark(rawValue: name) != nil || cueNames.contains(name) else {
                let marks = IntentEvidence.Mark.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badLine(file: file, line: row.line,
                               reason: "unknown evidence '\(name)' (base, \(marks), or a cue of intent-cues.tsv "
                                   + "or author:<kind> of authors.tsv)")
            }
            terms.append((name, present))
        }
        return Weight(intent: intent, terms: terms, value: value)
    }

    /// The intent with the highest summed weight for `evidence`.
    func intent(for evidence: IntentEvidence) -> Intent {
        var scores = [Double](repeating: 0, count: Intent.allCases.count)
        for weight in weights where weight.terms.allSatisfy({ $0.name == "base" || evidence.has($0.name) == $0.present }) {
            scores[Intent.allCases.firstIndex(of: weight.intent)!] += weight.value
        }
        var best = 0
        for index in scores.indices where scores[index] > scores[best] { best = index }
        return Intent.allCases[best]
    }
}
