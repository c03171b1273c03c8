import Foundation
import ReputationCore

/// `vigia score`: sentiment and triage for posts, JSON Lines in and out, streaming.
public enum ScoreCommand {
    /// Reads JSON Lines {"id","text"[,"lang"]} (or plain text lines: id = line number) from `input`, writes JSON
    /// Lines {"id","label","score","lang","terms":[{"text","weight"}],"categories","question","private_data"}
    /// to `output`, flushed per chunk read. A bad line gets an error line on `errors` naming its number and
    /// scoring continues. Returns the number of lines scored.
    public static func run(input: FileHandle, output: FileHandle, errors: FileHandle, scorer: SentimentScorer,
                           triager: TriageRules? = nil, languageHint: String? = nil) throws -> Int {
        var session = Session(scorer: scorer, triager: triager.map(Triager.init(rules:)), hint: languageHint,
                              errors: errors)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // read(2) returns what the pipe has (a line typed or tailed in is scored at once), where
            // FileHandle.readData(ofLength:) would wait for the whole 64 KB.
            let count = chunk.withUnsafeMutableBytes { read(input.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(code: errno)
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                session.process(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(..<start)
            session.flush(to: output)
        }
        if !pending.isEmpty { session.process(pending[...]) }
        session.flush(to: output)
        return session.scored
    }

    /// Reading the input failed (not a bad line: the stream itself).
    public struct InputError: Error, CustomStringConvertible {
        public var code: Int32
        public var description: String { "vigia score: cannot read input: \(String(cString: strerror(code)))" }
    }

    /// The state of one run, a value the loop owns (a nested function capturing these variables would box
    /// them, and every access would then be checked at run time).
    private struct Session {
        let scorer: SentimentScorer
        let triager: Triager?
        let hint: String?
        let errors: FileHandle
        var out: [UInt8] = []
        /// Token and unit buffers reused for every post of the run.
        var scratch = ScoringScratch()
        var lineNumber = 0
        var scored = 0

        init(scorer: SentimentScorer, triager: Triager?, hint: String?, errors: FileHandle) {
            self.scorer = scorer
            self.triager = triager
            self.hint = hint
            self.errors = errors
            out.reserveCapacity(1 << 20)
        }

        mutating func process(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
            do {
                let post = try ScoreInputLine.parse(line, lineNumber: lineNumber)
                ScoreCommand.write(post, scorer: scorer, triager: triager, hint: post.language ?? hint,
                                   scratch: &scratch, into: &out)
                scored += 1
            } catch {
                errors.emit(Data("vigia score: line \(lineNumber): \(error)\n".utf8))
            }
        }

        mutating func flush(to output: FileHandle) {
            guard !out.isEmpty else { return }
            output.emit(Data(out))
            out.removeAll(keepingCapacity: true)
        }
    }

    fileprivate static func write(_ post: ScoreInputLine, scorer: SentimentScorer, triager: Triager?, hint: String?,
                                  scratch: inout ScoringScratch, into out: inout [UInt8]) {
        post.withText { bytes in
            var triage: Triage?
            let sentiment: Sentiment
            if let triager {
                let both = scorer.assess(utf8: bytes, languageHint: hint, triager: triager, scratch: &scratch)
                (sentiment, triage) = (both.0, both.1)
            } else {
                sentiment = scorer.score(utf8: bytes, languageHint: hint, scratch: &scratch)
            }
            out.append(static: Bytes.idKey)
            if let number = post.numericID { out.append(contentsOf: number.utf8) } else { JSONOut.string(post.id, into: &out) }
            out.append(static: Bytes.labelKey)
            out.append(static: Bytes.label(sentiment.label))
            out.append(static: Bytes.scoreKey)
            JSONOut.number(sentiment.score, into: &out)
            out.append(static: Bytes.langKey)
            JSONOut.string(sentiment.language, into: &out)
            out.append(static: Bytes.termsKey)
            for (index, term) in sentiment.terms.enumerated() {
                if index > 0 { out.append(0x2C) }
                out.append(static: Bytes.textKey)
                JSONOut.string(term.text, into: &out)
                out.append(static: Bytes.weightKey)
                JSONOut.number(term.weight, into: &out)
                out.append(0x7D)
            }
            out.append(0x5D)
            if let triage {
                out.append(static: Bytes.categoriesKey)
                for (index, category) in triage.categories.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    JSONOut.string(category, into: &out)
                }
                out.append(static: triage.isQuestion ? Bytes.questionTrue : Bytes.questionFalse)
                out.append(static: Bytes.privateDataKey)
                for (index, item) in triage.privateData.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    out.append(static: Bytes.kindKey)
                    JSONOut.string(item.kind, into: &out)
                    out.append(static: Bytes.redactedKey)
                    JSONOut.string(item.redacted, into: &out)
                    out.append(0x7D)
                }
                out.append(0x5D)
            }
            out.append(static: Bytes.lineEnd)
        }
    }
}

/// One input line of `vigia score`: a flat JSON object {"id","text"[,"lang"]} read by hand (fast, no
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
            return ScoreInputLine(id: String(lineNumber), numericID: String(lineNumber), text: trimmed, language: nil)
        }
        var reader = FlatJSONReader(bytes: trimmed, line: lineNumber)
        let fields = try reader.object()
        guard let text = fields.text?.bytes else {
            throw ParseError.malformed(line: lineNumber, reason: #"missing string field "text""#)
        }
        let id = fields.id
        let numericID = id == nil ? String(lineNumber) : id?.number
        return ScoreInputLine(id: id?.string ?? numericID ?? String(lineNumber), numericID: numericID,
                              text: text, language: fields.lang?.string)
    }
}

/// Reads the "id", "text" and "lang" fields of one JSON object; other fields and nested values are skipped
/// without building strings for them.
struct FlatJSONReader {
    struct Fields {
        var id: Value?
        var text: Value?
        var lang: Value?
    }

    enum Value {
        /// A string's bytes, escapes resolved: a slice of the line when it had none.
        case string(ArraySlice<UInt8>), number(String), other
        var bytes: ArraySlice<UInt8>? { if case .string(let value) = self { value } else { nil } }
        var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
        var number: String? { if case .number(let value) = self { value } else { nil } }
    }

    let bytes: ArraySlice<UInt8>
    let line: Int
    var index: Int

    init(bytes: ArraySlice<UInt8>, line: Int) {
        self.bytes = bytes
        self.line = line
        index = bytes.startIndex
    }

    mutating func object() throws -> Fields {
        var fields = Fields()
        try expect(0x7B)
        skipSpace()
        if peek() == 0x7D { return fields }
        while true {
            skipSpace()
            let key = try string()[...]
            skipSpace()
            try expect(0x3A)
            skipSpace()
            if key.elementsEqual("text".utf8) {
                fields.text = try value()
            } else if key.elementsEqual("id".utf8) {
                fields.id = try value()
            } else if key.elementsEqual("lang".utf8) {
                fields.lang = try value()
            } else {
                _ = try value()
            }
            skipSpace()
            if peek() == 0x2C { index += 1; continue }
            try expect(0x7D)
            return fields
        }
    }

    private mutating func value() throws -> Value {
        switch peek() {
        case 0x22: return .string(try string())
        case 0x7B, 0x5B: try skipNested(); return .other
        default:
            let start = index
            while index < bytes.endIndex, !"},] \t".utf8.contains(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            if token.isEmpty { throw fail("expected a value") }
            if token == "true" || token == "false" || token == "null" { return .other }
            guard Double(token) != nil else { throw fail("bad value '\(token)'") }
            return .number(token)
        }
    }

    private mutating func string() throws -> ArraySlice<UInt8> {
        try expect(0x22)
        // Fast path: no escape before the closing quote, so the bytes are the string.
        var end = index
        while end < bytes.endIndex && bytes[end] != 0x22 && bytes[end] != 0x5C { end += 1 }
        if end < bytes.endIndex && bytes[end] == 0x22 {
            defer { index = end + 1 }
            return bytes[index..<end]
        }
        var out: [UInt8] = []
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == 0x22 { return out[...] }
            guard byte == 0x5C else { out.append(byte); continue }
            guard index < bytes.endIndex else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case 0x6E: out.append(0x0A)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0D)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75: try unicodeEscape(into: &out)
            default: out.append(escape)  // \" \\ \/
            }
        }
        throw fail("unterminated string")
    }

    private mutating func unicodeEscape(into out: inout [UInt8]) throws {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar), peek() == 0x5C, index + 1 < bytes.endIndex, bytes[index + 1] == 0x75 {
            index += 2
            let low = try hex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.endIndex,
              let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
            throw fail("bad \\u escape")
        }
        index += 4
        return value
    }

    private mutating func skipNested() throws {
        var depth = 0
        var inString = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if inString {
                if byte == 0x5C { index += 1 } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
        throw fail("unterminated value")
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))' at byte \(index - bytes.startIndex + 1)")
        }
        index += 1
    }

    private func fail(_ reason: String) -> ScoreInputLine.ParseError { .malformed(line: line, reason: reason) }
}

/// Hand-rolled JSON output: escaped strings, numbers rounded to three decimals.
enum JSONOut {
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Most strings need no escape: then their bytes go in with one copy instead of one append per byte.
        var text = text
        let copied = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied {
            out.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    static func number(_ value: Double, into out: inout [UInt8]) {
        let thousandths = Int((value * 1000).rounded())
        if thousandths < 0 { out.append(0x2D) }
        let magnitude = abs(thousandths)
        appendDigits(magnitude / 1000, into: &out)
        let fraction = magnitude % 1000
        if fraction != 0 {
            out.append(0x2E)
            out.append(0x30 + UInt8(fraction / 100))
            if fraction % 100 != 0 { out.append(0x30 + UInt8(fraction / 10 % 10)) }
            if fraction % 10 != 0 { out.append(0x30 + UInt8(fraction % 10)) }
        }
    }
}

extension JSONOut {
    /// The decimal digits of `value` ≥ 0, without building a String.
    static func appendDigits(_ value: Int, into out: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, into: &out) }
        out.append(0x30 + UInt8(value % 10))
    }
}

/// Whether bytes are well-formed UTF-8 (Unicode §3.9, table 3-7): no overlong forms, surrogates or scalars
/// past U+10FFFF. Exactly the bytes `String(decoding:as:)` keeps unchanged.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}

/// The fixed pieces of an output line as static strings: appended straight from the binary's constant data,
/// where arrays (the former form) were retained and released at every append, 14 times a line.
private enum Bytes {
    static func label(_ label: Sentiment.Label) -> StaticString {
        switch label {
        case .negative: "neg"
        case .neutral: "neu"
        case .positive: "pos"
        }
    }

    static let idKey: StaticString = #"{"id":"#
    static let labelKey: StaticString = #","label":""#
    static let scoreKey: StaticString = #"","score":"#
    static let langKey: StaticString = #","lang":"#
    static let termsKey: StaticString = #","terms":["#
    static let textKey: StaticString = #"{"text":"#
    static let weightKey: StaticString = #","weight":"#
    static let categoriesKey: StaticString = #","categories":["#
    static let questionTrue: StaticString = #"],"question":true"#
    static let questionFalse: StaticString = #"],"question":false"#
    static let privateDataKey: StaticString = #","private_data":["#
    static let kindKey: StaticString = #"{"kind":"#
    static let redactedKey: StaticString = #","redacted":"#
    static let lineEnd: StaticString = "}\n"
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of a static string.
    fileprivate mutating func append(static text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
