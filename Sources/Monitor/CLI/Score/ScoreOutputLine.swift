import ReputationCore

/// One output line of `vigia score`, appended byte by byte (no Foundation JSON: this runs for every post).
enum ScoreOutputLine {
    static func write(_ post: ScoreInputLine, sentiment: Sentiment, triage: Triage, into out: inout [UInt8]) {
        out.append(static: ScoreOutputBytes.idKey)
        if let number = post.numericID { out.append(contentsOf: number.utf8) } else { JSONOut.string(post.id, into: &out) }
        out.append(static: ScoreOutputBytes.labelKey)
        out.append(static: ScoreOutputBytes.label(sentiment.label))
        out.append(static: ScoreOutputBytes.scoreKey)
        JSONOut.number(sentiment.score, into: &out)
        out.append(static: ScoreOutputBytes.langKey)
        JSONOut.string(sentiment.language, into: &out)
        out.append(static: ScoreOutputBytes.termsKey)
        for (index, term) in sentiment.terms.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(static: ScoreOutputBytes.textKey)
            JSONOut.string(term.text, into: &out)
            out.append(static: ScoreOutputBytes.weightKey)
            JSONOut.number(term.weight, into: &out)
            out.append(0x7D)
        }
        out.append(static: ScoreOutputBytes.intentKey)
        out.append(static: ScoreOutputBytes.intent(triage.intent))
        out.append(static: ScoreOutputBytes.categoriesKey)
        for (index, category) in triage.categories.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONOut.string(category, into: &out)
        }
        out.append(static: triage.isQuestion ? ScoreOutputBytes.questionTrue : ScoreOutputBytes.questionFalse)
        out.append(static: ScoreOutputBytes.privateDataKey)
        for (index, item) in triage.privateData.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(static: ScoreOutputBytes.kindKey)
            JSONOut.string(item.kind, into: &out)
            out.append(static: ScoreOutputBytes.redactedKey)
            JSONOut.string(item.redacted, into: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
        out.append(static: ScoreOutputBytes.lineEnd)
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of a static string.
    mutating func append(static text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
