import Foundation

/// Dates as feeds write them: RFC 822/2822 (with or without day name, 2- or 4-digit years, named zones such as
/// EST/PDT/GMT, numeric zones with or without a colon, AM/PM), ISO 8601 / RFC 3339 (with or without fraction,
/// seconds or zone; date only) and epoch seconds (or milliseconds). Zone-less times are taken as UTC.
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8.prefix(80))
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }) else { return nil }
        let trimmed = Array(bytes[first...].reversed().drop { $0 <= 0x20 }.reversed())
        if trimmed.allSatisfy(isDigit) { return epoch(trimmed) }
        if trimmed.count >= 7, trimmed[0...3].allSatisfy(isDigit), trimmed[4] == UInt8(ascii: "-") {
            return iso8601(trimmed)
        }
        return rfc822(trimmed)
    }

    /// Seconds since 1970, or milliseconds when the number is too large to be seconds. Not bounded here: the
    /// decode drops (and reports) dates outside `ISOTime.plausible` in one place, `dropImplausibleDates`.
    public static func fromEpoch(_ value: Double) -> Date? {
        guard value.isFinite else { return nil }
        return Date(timeIntervalSince1970: value > 100_000_000_000 ? value / 1000 : value)
    }

    private static func epoch(_ digits: [UInt8]) -> Date? {
        guard digits.count >= 9, digits.count <= 13 else { return nil }
        return fromEpoch(Double(digits.reduce(0) { $0 * 10 + Int($1 - 48) }))
    }

    // MARK: ISO 8601

    private static func iso8601(_ s: [UInt8]) -> Date? {
        var reader = DigitReader(bytes: s)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2) else { return nil }
        let day = reader.skip("-") ? reader.number(2) ?? 1 : 1
        var seconds = 0.0
        var offset = 0
        if reader.skip("T") || reader.skip("t") || reader.skip(" ") {
            guard let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2) else { return nil }
            var second = 0.0
            if reader.skip(":"), let whole = reader.number(2) {
                second = Double(whole) + reader.fraction()
            }
            seconds = Double(hour * 3600 + minute * 60) + second
            reader.skipSpaces()
            offset = reader.zone() ?? 0
        }
        return make(year: year, month: month, day: day, seconds: seconds, offset: offset)
    }

    // MARK: RFC 822 and relatives

    private static func rfc822(_ s: [UInt8]) -> Date? {
        var fields = LooseDateFields()
        for token in tokens(s) { fields.take(token) }
        return fields.date()
    }

    /// Splits on spaces and commas, keeping `+0100`/`-05:00` zones and `12:30:00` times whole.
    private static func tokens(_ s: [UInt8]) -> [ArraySlice<UInt8>] {
        s.split { $0 == 0x20 || $0 == UInt8(ascii: ",") || $0 == 0x09 }
    }

    static func make(year: Int, month: Int, day: Int, seconds: Double, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), year >= 1, seconds < 86_401 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}

/// Reads fixed-width numbers and separators from an ISO 8601 date.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for k in index..<(index + width) {
            guard FeedDate.isDigit(bytes[k]) else { return nil }
            value = value * 10 + Int(bytes[k] - 48)
        }
        index += width
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    mutating func fraction() -> Double {
        guard skip(".") || skip(",") else { return 0 }
        var value = 0.0
        var scale = 0.1
        while index < bytes.count, FeedDate.isDigit(bytes[index]) {
            value += Double(bytes[index] - 48) * scale
            scale /= 10
            index += 1
        }
        return value
    }

    /// `Z`, `+hh:mm`, `+hhmm`, `+hh`: seconds east of UTC.
    mutating func zone() -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] | 0x20 == UInt8(ascii: "z") { return 0 }
        return LooseDateFields.numericZone(bytes[index...])
    }
}
