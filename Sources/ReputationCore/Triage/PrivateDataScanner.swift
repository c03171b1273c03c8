/// Finds private data posted in public: e-mail addresses, phone numbers, card numbers (13–19 digits passing
/// the Luhn check), Spanish DNI/NIE (control letter checked) and order numbers (digits right after an order
/// word such as "pedido" or "order"). Matches are returned masked, safe to show in alerts.
struct PrivateDataScanner: Sendable {
    /// Hashes of the folded words that announce an order number ("pedido", "order", "localizador").
    var orderCues: KeyTable<Bool>

    init(orderCues: Set<UInt64>) {
        self.orderCues = KeyTable(Dictionary(uniqueKeysWithValues: orderCues.map { ($0, true) }))
    }

    func scan(_ bytes: UnsafeBufferPointer<UInt8>, scanned: ScannedText) -> [Triage.PrivateData] {
        // Every kind needs an '@' (e-mail) or a digit (the rest); most posts have neither, and one look over
        // the bytes spares the four passes below.
        let (hasAt, longestDigitRun) = Self.cues(bytes)
        guard hasAt || longestDigitRun > 0 else { return [] }
        var found: [Triage.PrivateData] = []
        if hasAt { found += emails(bytes) }
        guard longestDigitRun > 0 else { return found }
        // A DNI has 8 digits in a row, a NIE 7: posts with only shorter numbers ("2 días") skip the byte walk.
        if longestDigitRun >= 7 { found += identityNumbers(bytes) }
        let orders = orderNumbers(bytes, scanned: scanned)
        found += orders.map(\.data)
        for run in digitRuns(bytes) where !orders.contains(where: { $0.range.overlaps(run.range) }) {
            if let data = classify(run, bytes) { found.append(data) }
        }
        return found
    }

    /// Whether the post has an '@', and its longest run of consecutive digits.
    private static func cues(_ bytes: UnsafeBufferPointer<UInt8>) -> (hasAt: Bool, longestDigitRun: Int) {
        var hasAt = false
        var run = 0
        var longest = 0
        for byte in bytes {
            if isDigit(byte) {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
                if byte == 0x40 { hasAt = true }
            }
        }
        return (hasAt, longest)
    }

    // MARK: e-mail

    private func emails(_ bytes: UnsafeBufferPointer<UInt8>) -> [Triage.PrivateData] {
        var found: [Triage.PrivateData] = []
        for at in bytes.indices where bytes[at] == 0x40 {
            var start = at
            while start > 0 && Self.isLocalByte(bytes[start - 1]) { start -= 1 }
            var end = at + 1
            var dots = 0
            while end < bytes.count && (Self.isAlnum(bytes[end]) || bytes[end] == 0x2D || bytes[end] == 0x2E) {
                if bytes[end] == 0x2E { dots += 1 }
                end += 1
            }
            while end > at + 1 && bytes[end - 1] == 0x2E { end -= 1; dots -= 1 }
            guard start < at, dots > 0, end - at > 3 else { continue }
            let local = Self.text(bytes, start..<at)
            let domain = Self.text(bytes, (at + 1)..<end)
            found.append(Triage.PrivateData(kind: "email", redacted: "\(local.prefix(1))***@\(domain)"))
        }
        return found
    }

    // MARK: DNI / NIE

    private static let controlLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

    private func identityNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> [Triage.PrivateData] {
        var found: [Triage.PrivateData] = []
        var index = 0
        while index < bytes.count {
            guard index == 0 || !Self.isAlnum(bytes[index - 1]) else {
                index += 1
                continue
            }
            let upper = bytes[index] & 0xDF
            let isNIE = upper == 0x58 || upper == 0x59 || upper == 0x5A  // X Y Z
            let digitsStart = isNIE ? index + 1 : index
            let digitCount = isNIE ? 7 : 8
            var number = isNIE ? Int(upper - 0x58) : 0
            var cursor = digitsStart
            while cursor < bytes.count && cursor - digitsStart < digitCount && Self.isDigit(bytes[cursor]) {
                number = number * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
            }
            if cursor - digitsStart == digitCount, cursor < bytes.count, bytes[cursor] == 0x2D { cursor += 1 }
            if cursor - digitsStart >= digitCount, cursor < bytes.count,
               bytes[cursor] & 0xDF == Self.controlLetters[number % 23],
               cursor + 1 == bytes.count || !Self.isAlnum(bytes[cursor + 1]) {
                let raw = Self.text(bytes, index..<(cursor + 1))
                found.append(Triage.PrivateData(kind: isNIE ? "nie" : "dni", redacted: Self.mask(raw, keepFirst: 0, keepLast: 4)))
                index = cursor + 1
                continue
            }
            index += 1
        }
        return found
    }

    // MARK: order numbers

    private func orderNumbers(_ bytes: UnsafeBufferPointer<UInt8>, scanned: ScannedText)
        -> [(range: Range<Int>, data: Triage.PrivateData)] {
        var found: [(range: Range<Int>, data: Triage.PrivateData)] = []
        // Most posts name no order: find the cue words first, then look at the numbers after them.
        let cues = scanned.tokens.indices.filter { orderCues[scanned.tokens[$0].hash] != nil }
        guard let firstCue = cues.first else { return [] }
        for index in (firstCue + 1)..<scanned.tokens.count {
            let token = scanned.tokens[index]
            if token.flags.contains(.symbol) { continue }
            var range = Int(token.rawStart)..<Int(token.rawEnd)
            let digits = range.reduce(0) { $0 + (Self.isDigit(bytes[$1]) ? 1 : 0) }
            guard digits >= 5 else { continue }
            let window = max(0, index - 3)..<index
            guard window.contains(where: { cues.contains($0) }) else { continue }
            range = Self.widen(range, bytes)
            let raw = Self.text(bytes, range)
            found.append((range, Triage.PrivateData(kind: "order_number", redacted: Self.mask(raw, keepFirst: 2, keepLast: 2))))
        }
        return found
    }

    /// "112-3345566" is one order number though the scanner cut it in two: widen over letters, digits, '-'.
    private static func widen(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func inside(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == 0x2D }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower > 0 && inside(bytes[lower - 1]) { lower -= 1 }
        while upper < bytes.count && inside(bytes[upper]) { upper += 1 }
        while lower < upper && bytes[lower] == 0x2D { lower += 1 }
        while upper > lower && bytes[upper - 1] == 0x2D { upper -= 1 }
        return lower..<upper
    }

    // MARK: phones and cards

    /// A run of digits with single spaces, dashes or dots between groups, and an optional leading "+".
    private struct DigitRun {
        var range: Range<Int>
        var digits: [UInt8]
        var international: Bool
    }

    private func digitRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [DigitRun] {
        var runs: [DigitRun] = []
        var index = 0
        while index < bytes.count {
            guard Self.isDigit(bytes[index]), index == 0 || !Self.isAlnum(bytes[index - 1]) else {
                index += 1
                continue
            }
            let international = index > 0 && bytes[index - 1] == 0x2B
            let start = international ? index - 1 : index
            var count = 0
            var end = index
            while end < bytes.count {
                if Self.isDigit(bytes[end]) {
                    count += 1
                    end += 1
                } else if bytes[end] == 0x20 || bytes[end] == 0x2D || bytes[end] == 0x2E, end + 1 < bytes.count,
                          Self.isDigit(bytes[end + 1]), count < 19 {
                    end += 1
                } else {
                    break
                }
            }
            // Fewer than 8 digits make no phone or card number (see `classify`): such runs ("2 días", "10:30")
            // are dropped before their digits are gathered into an array.
            if count >= Self.shortestNumber, end == bytes.count || !Self.isAlnum(bytes[end]) {
                let digits = bytes[index..<end].compactMap { Self.isDigit($0) ? $0 - 0x30 : nil }
                runs.append(DigitRun(range: start..<end, digits: digits, international: international))
            }
            index = end
        }
        return runs
    }

    /// The fewest digits `classify` accepts: an international phone number with 8.
    private static let shortestNumber = 8

    private func classify(_ run: DigitRun, _ bytes: UnsafeBufferPointer<UInt8>) -> Triage.PrivateData? {
        let raw = Self.text(bytes, run.range)
        if (13...19).contains(run.digits.count) && Self.passesLuhn(run.digits) && !run.international {
            return Triage.PrivateData(kind: "card", redacted: Self.mask(raw, keepFirst: 0, keepLast: 4))
        }
        let count = run.digits.count
        let spanishMobile = count == 9 && (6...9).contains(run.digits[0])
        let withCountry = run.international && (8...15).contains(count)
        let americanMobile = count == 10 && run.digits[0] != 0 && raw.contains(where: { $0 == " " || $0 == "-" })
        guard spanishMobile || withCountry || americanMobile else { return nil }
        return Triage.PrivateData(kind: "phone", redacted: Self.mask(raw, keepFirst: run.international ? 3 : 1, keepLast: 2))
    }

    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    // MARK: helpers

    /// Masks letters and digits except the first and last few, keeping separators ("+34 6** *** *12").
    static func mask(_ raw: String, keepFirst: Int, keepLast: Int) -> String {
        let characters = Array(raw)
        let significant = characters.indices.filter { characters[$0].isLetter || characters[$0].isNumber }
        let hidden = Set(significant.dropFirst(keepFirst).dropLast(keepLast))
        return String(characters.indices.map { hidden.contains($0) ? "*" : characters[$0] })
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlnum(_ byte: UInt8) -> Bool { TextScanner.isWordByte(byte) }
    private static func isLocalByte(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D || byte == 0x2B || byte == 0x25
    }
}
