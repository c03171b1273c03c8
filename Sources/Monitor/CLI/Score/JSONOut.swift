/// `vigia score`'s JSON output: strings escaped as `JSONText` does, numbers rounded to three decimals.
enum JSONOut {
    /// Escaped as everything else Vigía writes (`JSONText`).
    static func string(_ text: String, into out: inout [UInt8]) {
        JSONText.string(text, into: &out)
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

