import Foundation

/// Dates as feeds write them: RFC 822/2822 (with or without day name, 2- or 4-digit years, named zones such as
/// EST/PDT/GMT, numeric zones with or without a colon, AM/PM), ISO 8601 / RFC 3339 (with or without fraction,
/// seconds or zone; date only) and epoch seconds (or milliseconds). Zone-less times are taken as UTC.
package enum FeedDate {
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8.prefix(80))
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }) else { return nil }
        let trimmed = Array(bytes[first...].reversed().drop { $0 <= 0x20 }.reversed())
        if trimmed.allSatisfy(isDigit) { return epoch(trimmed) ?? ISO8601Text.date(trimmed) }
        if ISO8601Text.looksLikeISO(trimmed) { return ISO8601Text.date(trimmed) }
        return rfc822(trimmed)
    }

    /// Seconds since 1970, or milliseconds when the number is too large to be seconds. Not bounded here: the
    /// decode drops (and reports) dates outside `ISOTime.plausible` in one place, `dropImplausibleDates`.
    package static func fromEpoch(_ value: Double) -> Date? {
        guard value.isFinite else { return nil }
        return Date(timeIntervalSince1970: value > 100_000_000_000 ? value / 1000 : value)
    }

    private static func epoch(_ digits: [UInt8]) -> Date? {
        guard digits.count >= 9, digits.count <= 13 else { return nil }
        return fromEpoch(Double(digits.reduce(0) { $0 * 10 + Int($1 - 48) }))
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
        guard (1...12).contains(month), year >= 1, year <= 9999, (1...daysIn(month: month, year: year)).contains(day),
            seconds < 86_401
        else { return nil }
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

    // MARK: Calendar facts the textual parsers share

    /// A two-digit year: 00–49 are 2000–2049, 50–99 are 1950–1999 (the RFC 2822 §4.3 reading, as feeds use it).
    static func fullYear(_ twoDigits: Int) -> Int { twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days % 7 + 7) % 7 + 3) % 7 + 1
    }
}
