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
        var intent: Int
        /// Evidence bits that must all be present, and bits that must all be absent.
        var present: UInt64
        var absent: UInt64
        var value: Double
    }

    var cues = PatternSet()
    /// The `_opening` cues: matched at the post's first word only.
    var openings = PatternSet()
    var authors = PatternSet()
    var weights: [Weight] = []
    /// Cue name ("waiting", "author:news") → its evidence bit.
    var cueBits: [String: UInt64] = [:]

    init(tables: (String, ClosedRange<Int>) throws(RulesError) -> [RuleTable], scanner: TextScanner)
        throws(RulesError) {
        let cueTables = try tables("intent-cues.tsv", 3...3)
        let authorTables = try tables("authors.tsv", 3...3)
        var names: [String] = []
        for row in cueTables.flatMap(\.rows) where !names.contains(row.fields[0]) { names.append(row.fields[0]) }
        for row in authorTables.flatMap(\.rows) where !names.contains("author:" + row.fields[0]) {
            names.append("author:" + row.fields[0])
        }
        // `intent(for:)` sums into a tuple of five.
        precondition(Intent.allCases.count == 5, "IntentRules.intent(for:) sums five intents")
        let first = IntentEvidence.Mark.allCases.count
        guard first + names.count <= 64 else {
            throw .badLine(file: "intent-cues.tsv", line: 0,
                           reason: "\(names.count) cue and author kinds; at most \(64 - first) fit")
        }
        for (index, name) in names.enumerated() { cueBits[name] = 1 << UInt64(first + index) }
        let bits = cueBits
        for table in cueTables {
            var anywhere = table, opening = table
            anywhere.rows.removeAll { $0.fields[0].hasSuffix("_opening") }
            opening.rows.removeAll { !$0.fields[0].hasSuffix("_opening") }
            try TriageRules.add(anywhere, to: &cues, scanner: scanner) { bits[$0] ?? 0 }
            try TriageRules.add(opening, to: &openings, scanner: scanner) { bits[$0] ?? 0 }
        }
        for table in authorTables {
            try TriageRules.add(table, to: &authors, scanner: scanner) { bits["author:" + $0] ?? 0 }
        }
        cues.freeze()
        openings.freeze()
        authors.freeze()
        for table in try tables("intents.tsv", 3...3) {
            for row in table.rows { weights.append(try weight(row, file: table.file)) }
        }
    }

    private func weight(_ row: RuleTable.Row, file: String) throws(RulesError) -> Weight {
        guard let intent = Intent.allCases.firstIndex(where: { $0.rawValue == row.fields[0] }) else {
            let known = Intent.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badLine(file: file, line: row.line, reason: "unknown intent '\(row.fields[0])' (\(known))")
        }
        guard let value = Double(row.fields[2]), value.isFinite, abs(value) <= 100 else {
            throw .badLine(file: file, line: row.line, reason: "weight '\(row.fields[2])' is not a number in -100…100")
        }
        var weight = Weight(intent: intent, present: 0, absent: 0, value: value)
        for piece in row.fields[1].split(separator: "+") {
            let present = !piece.hasPrefix("!")
            let name = String(present ? piece : piece.dropFirst())
            if name == "base" && present { continue }
            guard let bit = IntentEvidence.Mark(rawValue: name).map(IntentEvidence.bit) ?? cueBits[name] else {
                let marks = IntentEvidence.Mark.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badLine(file: file, line: row.line,
                               reason: "unknown evidence '\(name)' (base, \(marks), or a cue of intent-cues.tsv "
                                   + "or author:<kind> of authors.tsv)")
            }
            if present { weight.present |= bit } else { weight.absent |= bit }
        }
        return weight
    }

    /// The intent with the highest summed weight for `evidence` (sums in a tuple: no allocation per post).
    func intent(for evidence: IntentEvidence) -> Intent {
        var scores: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &scores) { raw in
            let sums = raw.bindMemory(to: Double.self)
            for weight in weights where evidence.bits & weight.present == weight.present
                && evidence.bits & weight.absent == 0 {
                sums[weight.intent] += weight.value
            }
            var best = 0
            for index in 1..<Intent.allCases.count where sums[index] > sums[best] { best = index }
            return Intent.allCases[best]
        }
    }
}
