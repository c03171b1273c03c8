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

