import Foundation

/// The parts of an RFC 822-like date, filled token by token in whatever order the feed wrote them.
struct LooseDateFields {
    var day: Int?
    var month: Int?
    var year: Int?
    var seconds: Double?
    var offset = 0
    var pm: Bool?
    /// A time or zone token that could not be read: the date as a whole is unreadable rather than wrong.
    var unreadable = false

    mutating func take(_ token: ArraySlice<UInt8>) {
        guard let first = token.first else { return }
        if token.contains(UInt8(ascii: ":")), FeedDate.isDigit(first) {
            seconds = Self.time(token)
            if seconds == nil { unreadable = true }
        } else if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard let zone = Self.strictNumericZone(token) else {
                unreadable = true
                return
            }
            offset = zone
        } else if let sign = token.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }),
            !FeedDate.isDigit(first)
        {
            // "GMT-01:01", "UTC+2": a zone name with an offset from it.
            take(token[..<sign])
            take(token[sign...])
        } else if token.allSatisfy(FeedDate.isDigit) {
            takeNumber(token)
        } else {
            takeWord(token)
        }
    }

    private mutating func takeNumber(_ token: ArraySlice<UInt8>) {
        guard token.count <= 4 else { return }
        let value = token.reduce(0) { $0 * 10 + Int($1 - 48) }
        if token.count >= 3 {
            year = value
        } else if day == nil {
            day = value
        } else if year == nil {
            year = FeedDate.fullYear(value)
        }
    }

    /// Words are looked up by their packed bytes (`Key`), never made into Strings: a feed's every item has a date.
    private mutating func takeWord(_ token: ArraySlice<UInt8>) {
        let word = token.last == UInt8(ascii: ".") ? token.dropLast() : token
        let key = Key(word)
        if key == Self.am || key == Self.pm {
            pm = key == Self.pm
        } else if let key, let zone = Self.namedZoneKeys[key] ?? (seconds != nil ? Self.zonesAfterTheTimeKeys[key] : nil) {
            offset = zone * 3600
        } else if month == nil, word.count >= 3, let prefix = Key(word.prefix(3)), let number = Self.monthKeys[prefix] {
            month = number
        }
    }

    /// A word of at most 8 ASCII bytes, lowercased and packed into one number; nil for any other word (no table
    /// holds one).
    struct Key: Hashable {
        var packed: UInt64

        init?<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
            var packed: UInt64 = 0
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                packed = packed << 8 | UInt64(isUpper ? byte | 0x20 : byte)
            }
            self.packed = packed
        }

        static func table(_ words: [String: Int]) -> [Key: Int] {
            Dictionary(uniqueKeysWithValues: words.map { (Key($0.key.utf8)!, $0.value) })
        }
    }

    private static let am = Key("am".utf8), pm = Key("pm".utf8)
    private static let monthKeys = Key.table(months)
    private static let namedZoneKeys = Key.table(namedZones)
    private static let zonesAfterTheTimeKeys = Key.table(zonesAfterTheTime)

    func date() -> Date? {
        guard !unreadable, let day, let month, let year else { return nil }
        var seconds = self.seconds ?? 0
        if let pm {
            let hour = Int(seconds) / 3600
            if pm, hour < 12 { seconds += 12 * 3600 }
            if !pm, hour == 12 { seconds -= 12 * 3600 }
        }
        return FeedDate.make(year: year, month: month, day: day, seconds: seconds, offset: offset)
    }

    static func time(_ token: ArraySlice<UInt8>) -> Double? {
        let parts = token.split(separator: UInt8(ascii: ":"))
        guard parts.count >= 2, parts.count <= 3 else { return nil }
        var values: [Double] = []
        for part in parts {
            guard let value = decimal(part) else { return nil }
            values.append(value)
        }
        guard values[0] < 25, values[1] < 60, values.count < 3 || values[2] < 61 else { return nil }
        return values[0] * 3600 + values[1] * 60 + (values.count == 3 ? values[2] : 0)
    }

    /// Digits with an optional fraction ("07", "30.5"): a time's hours, minutes or seconds.
    private static func decimal(_ part: ArraySlice<UInt8>) -> Double? {
        var whole = 0.0
        var fraction = 0.0
        var scale = 1.0
        var digits = 0
        var afterPoint = false
        for byte in part {
            if FeedDate.isDigit(byte) {
                digits += 1
                if afterPoint {
                    scale /= 10
                    fraction += Double(byte - 48) * scale
                } else {
                    whole = whole * 10 + Double(byte - 48)
                }
            } else if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else {
                return nil
            }
        }
        return digits > 0 ? whole + fraction : nil
    }

    /// `+0100`, `-05:00`, `+01`: seconds east of UTC.
    static func numericZone(_ token: ArraySlice<UInt8>) -> Int? {
        guard let sign = token.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = token.dropFirst().filter(FeedDate.isDigit).prefix(4)
        guard digits.count == 4 || digits.count == 2 else { return nil }
        let values = digits.map { Int($0 - 48) }
        let hours = values[0] * 10 + values[1]
        let minutes = digits.count == 4 ? values[2] * 10 + values[3] : 0
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// A numeric zone that must be one: `+hh`, `+hhmm` or `+hh:mm` and nothing else, hours < 24, minutes < 60.
    static func strictNumericZone(_ token: ArraySlice<UInt8>) -> Int? {
        var digits = Array(token.dropFirst())
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy(FeedDate.isDigit) else { return nil }
        let hours = Int(digits[0] - 48) * 10 + Int(digits[1] - 48)
        let minutes = digits.count == 4 ? Int(digits[2] - 48) * 10 + Int(digits[3] - 48) : 0
        guard hours < 24, minutes < 60 else { return nil }
        return (token.first == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// English plus the Spanish and Portuguese abbreviations seen in real feeds ("Set" = September).
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12, "ene": 1, "fev": 2, "abr": 4, "mai": 5, "ago": 8, "set": 9, "out": 10, "dez": 12,
        "dic": 12,
    ]

    /// Hours east of UTC for RFC 822 zone names and common North American abbreviations.
    static let namedZones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "est": -5,
        "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8,
        "hst": -10, "met": 1, "mest": 2, "msk": 3, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
        "nzst": 12, "nzdt": 13, "ast": -4, "adt": -3, "etc/gmt": 0, "etc/utc": 0,
    ]

    /// US zone names without the standard/daylight letter; "at" is also an English word ("… 2020 at 10:00"), so
    /// these count only after the time.
    static let zonesAfterTheTime: [String: Int] = ["at": -4, "et": -5, "ct": -6, "mt": -7, "pt": -8]
}
