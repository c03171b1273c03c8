/// One input line of `vigia score`: a flat JSON object {"id","text"[,"lang"][,"author"]} read by hand (fast, no
/// Foundation JSON), or a plain text line whose id is its line number.
struct ScoreInputLine {
    enum ParseError: Error, CustomStringConvertible {
        case malformed(line: Int, reason: String)
        var description: String {
            switch self {
            case .malformed(_, let reason): return reason
            }
        }
    }

    var id: String
    /// The id as written when it was a JSON number (written back unquoted).
    var numericID: String?
    /// The text's UTF-8 bytes with JSON escapes resolved, not yet checked to be valid UTF-8.
    var text: ArraySlice<UInt8>
    var language: String?
    /// Who wrote it (name, handle or site), for the author-kind cues, as a poll reads a mention's author.
    var author: String?

    /// Hands the text to `body` as UTF-8 bytes. Valid bytes go as they are (most lines: no String built, no
    /// copy); invalid ones are repaired through `String(decoding:)` first, as before, so the output is the same.
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        text.withUnsafeBufferPointer { bytes in
            if UTF8Check.isValid(bytes) { return body(bytes) }
            var repaired = String(decoding: bytes, as: UTF8.self)
            return repaired.withUTF8(body)
        }
    }

    static func parse(_ line: ArraySlice<UInt8>, lineNumber: Int) throws -> ScoreInputLine {
        var trimmed = line
        while let last = trimmed.last, last == 0x0D || last == 0x20 { trimmed = trimmed.dropLast() }
        guard trimmed.first == 0x7B else {
            return ScoreInputLine(id: String(lineNumber), numericID: String(lineNumber), text: trimmed, language: nil, author: nil)
        }
        var reader = FlatJSONReader(bytes: trimmed, line: lineNumber)
        let fields = try reader.object()
        guard let text = fields.text?.bytes else {
            throw ParseError.malformed(line: lineNumber, reason: #"missing string field "text""#)
        }
        let id = fields.id
        // A number written back unquoted must be one readers can hold ("1e999" is valid JSON, yet most parsers
        // refuse it): others go back as strings.
        let number = id?.number.flatMap { Double($0)?.isFinite == true ? $0 : nil }
        let numericID = id == nil ? String(lineNumber) : number
        return ScoreInputLine(id: id?.string ?? id?.number ?? String(lineNumber), numericID: numericID,
                              text: text, language: fields.lang?.string, author: fields.author?.string)
    }
}

