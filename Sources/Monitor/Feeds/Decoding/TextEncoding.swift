import Foundation

/// Brings a document to UTF-8 bytes. Order of authority: a byte-order mark (the bytes cannot lie about it), then
/// the HTTP Content-Type charset, then the XML declaration; UTF-8 otherwise.
enum TextEncoding {
    enum Charset: Equatable {
        case utf8, utf16LE, utf16BE, windows1252
        case foundation(String.Encoding)
        case unsupported(String)

        /// One byte per character, every byte a character: such a declaration cannot tell UTF-8 bytes apart.
        var isSingleByte: Bool {
            switch self {
            case .windows1252: return true
            case .foundation(let encoding):
                return [.isoLatin2, .windowsCP1250, .windowsCP1251, .windowsCP1253, .windowsCP1254].contains(encoding)
            case .unsupported(let name):
                let lowered = name.lowercased()
                return ["iso-8859", "iso8859", "iso_8859", "koi8", "windows-125", "cp125", "cp866", "ibm866", "macintosh"]
                    .contains { lowered.hasPrefix($0) }
            case .utf8, .utf16LE, .utf16BE: return false
            }
        }
    }

    struct Result {
        var bytes: [UInt8]
        var problems: [String] = []
    }

    static func utf8(_ data: Data, contentType: String?) throws(DecodeError) -> Result {
        try withUTF8(data, contentType: contentType) { p, problems in Result(bytes: Array(p), problems: problems) }
    }

    /// Runs `body` over the document's UTF-8 bytes: read in place when they need no conversion (most feeds), so
    /// decoding does not copy the document first; converted into a new buffer otherwise.
    static func withUTF8<R>(
        _ data: Data, contentType: String?,
        _ body: (UnsafeBufferPointer<UInt8>, _ problems: [String]) throws(DecodeError) -> R
    ) throws(DecodeError) -> R {
        let outcome: Swift.Result<R, DecodeError> = data.withUnsafeBytes { raw in
            let p = raw.assumingMemoryBound(to: UInt8.self)
            do throws(DecodeError) {
                switch try plan(p, contentType: contentType) {
                case .inPlace(let skip, let problems):
                    return .success(try body(UnsafeBufferPointer(rebasing: p[skip...]), problems))
                case .converted(let result):
                    return .success(
                        try result.bytes.withUnsafeBufferPointer { (q) throws(DecodeError) -> R in
                            try body(q, result.problems)
                        })
                }
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Whether the bytes are UTF-8 as they stand (past `skip` bytes of BOM) or must be converted.
    private enum Plan {
        case inPlace(skip: Int, problems: [String])
        case converted(Result)
    }

    private static func plan(_ raw: UnsafeBufferPointer<UInt8>, contentType: String?) throws(DecodeError) -> Plan {
        if let (charset, bomLength) = byteOrderMark(raw) {
            if charset == .utf8 { return .inPlace(skip: bomLength, problems: []) }
            return .converted(try convert([UInt8](raw), from: charset, skipping: bomLength))
        }
        if raw.count >= 4, raw[0] == 0x3C, raw[1] == 0, raw[2] != 0 {
            return .converted(try convert([UInt8](raw), from: .utf16LE))
        }
        if raw.count >= 4, raw[0] == 0, raw[1] == 0x3C, raw[3] != 0 {
            return .converted(try convert([UInt8](raw), from: .utf16BE))
        }
        guard let name = contentType.flatMap(charsetParameter) ?? xmlDeclaredEncoding(raw) else {
            // JSON is UTF-8 by definition (RFC 8259); its bad bytes are repaired string by string later.
            if raw.first(where: { $0 > 0x20 }) != UInt8(ascii: "<") || isUTF8(raw) {
                return .inPlace(skip: 0, problems: [])
            }
            // XML with nothing declared and not UTF-8: a legacy single-byte feed. Windows-1252 reads Latin-1 too.
            return .converted(
                Result(
                    bytes: windows1252([UInt8](raw)[...]),
                    problems: ["no charset declared and the bytes are not UTF-8; read as Windows-1252"]))
        }
        let declared = charset(named: name)
        // A single-byte charset declared over bytes that are valid multi-byte UTF-8: the declaration is the mistake
        // (a template's default, a proxy's header), not the bytes. Chance Latin-1 text forming valid UTF-8
        // sequences throughout is negligible; reading "pÃ©simo" instead of "pésimo" would score a complaint neutral.
        if declared.isSingleByte, raw.contains(where: { $0 >= 0x80 }), isUTF8(raw) {
            return .inPlace(
                skip: 0, problems: ["declares charset \"\(name.prefix(40))\" but the bytes are valid UTF-8; read as UTF-8"])
        }
        if declared == .utf8 { return .inPlace(skip: 0, problems: []) }
        return .converted(try convert([UInt8](raw), from: declared))
    }

    /// Validates without copying when the document is pure ASCII, the common case.
    private static func isUTF8(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let firstHigh = raw.firstIndex(where: { $0 >= 0x80 }) else { return true }
        return String(validating: UnsafeBufferPointer(rebasing: raw[firstHigh...]), as: UTF8.self) != nil
    }

    private static func byteOrderMark(_ raw: UnsafeBufferPointer<UInt8>) -> (Charset, Int)? {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if raw.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || raw.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return (.unsupported("UTF-32"), 4)
        }
        if raw.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if raw.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    private static func convert(_ raw: [UInt8], from charset: Charset, skipping prefix: Int = 0) throws(DecodeError)
        -> Result
    {
        let body = raw[prefix...]
        switch charset {
        case .utf8:
            return Result(bytes: prefix == 0 ? raw : Array(body))
        case .utf16LE, .utf16BE:
            return Result(bytes: utf16(body, littleEndian: charset == .utf16LE))
        case .windows1252:
            return Result(bytes: windows1252(body))
        case .foundation(let encoding):
            guard let text = String(data: Data(body), encoding: encoding) else {
                return Result(bytes: Array(body), problems: ["bytes are not valid \(encoding); read as UTF-8"])
            }
            return Result(bytes: Array(text.utf8))
        case .unsupported(let name):
            if name == "UTF-32" { throw DecodeError.unsupportedEncoding(name: name) }
            if let converted = Iconv.utf8(body, from: name) {
                let bad = converted.invalidSequences
                return Result(bytes: converted.bytes, problems: bad == 0 ? [] : [
                    "\(bad) byte sequence(s) not valid \(name), replaced by U+FFFD",
                ])
            }
            return Result(bytes: Array(body), problems: ["unsupported charset \"\(name)\"; read as UTF-8"])
        }
    }

    static func charset(named rawName: String) -> Charset {
        let name = rawName.lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be":
            // UTF-16 without a BOM or NUL pattern is a false declaration: the bytes are ASCII-compatible.
            return .utf8
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "windows-1252", "cp1252",
            "x-cp1252", "iso-8859-15":
            // Browsers and feed readers treat Latin-1 as Windows-1252; real feeds rely on it for “quotes”.
            return .windows1252
        case "iso-8859-2", "latin2": return .foundation(.isoLatin2)
        case "windows-1250", "cp1250": return .foundation(.windowsCP1250)
        case "windows-1251", "cp1251": return .foundation(.windowsCP1251)
        case "windows-1253", "cp1253": return .foundation(.windowsCP1253)
        case "windows-1254", "cp1254": return .foundation(.windowsCP1254)
        case "shift_jis", "shift-jis", "sjis": return .foundation(.shiftJIS)
        case "euc-jp": return .foundation(.japaneseEUC)
        default: return .unsupported(rawName)
        }
    }

    /// `text/xml; charset="us-ascii"` → `us-ascii`.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of a leading `<?xml ...?>` (after whitespace some feeds put first).
    static func xmlDeclaredEncoding(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        let head = raw.prefix(512)
        guard let start = head.firstIndex(where: { $0 > 0x20 }), head[start...].starts(with: Array("<?xml".utf8)),
            let end = head[start...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = String(decoding: head[start..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    private static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i + 1 < body.endIndex {
            let low = UInt16(body[i])
            let high = UInt16(body[i + 1])
            units.append(littleEndian ? high << 8 | low : low << 8 | high)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func windows1252(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            if byte < 0x80 {
                out.append(byte)
            } else {
                let code = byte <= 0x9F ? HTMLEntities.windows1252High[Int(byte - 0x80)] : UInt32(byte)
                out.append(contentsOf: HTMLEntities.utf8(of: Unicode.Scalar(code) ?? "\u{FFFD}"))
            }
        }
        return out
    }
}
