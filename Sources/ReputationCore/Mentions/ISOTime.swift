import Foundation

/// ISO-8601 times as Vigía reads and writes them (`2026-11-23T10:15:00Z`, fractions and offsets accepted).
package enum ISOTime {
    /// The times a post, a run or a deadline can plausibly carry: 1970-01-01 up to 2200-01-01. Numbers from
    /// feeds outside it are not dates (a `created_utc` of 1e300 is an attack or a bug, not a post from the future).
    package static let plausible: ClosedRange<Date> = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 7_258_118_400)

    /// Whole seconds in UTC: readable, sortable, and exact for our purposes. Total: a time beyond what the
    /// calendar functions hold (not finite, or past the years 0001…9999) is written at the nearest end rather
    /// than trapping, so one absurd number can never stop a run.
    package static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let bounded = seconds.isFinite ? min(max(seconds, -62_135_596_800), 253_402_300_799) : 0
        var time = time_t(floor(bounded))
        var parts = tm()
        gmtime_r(&time, &parts)
        // Digits written directly: every journal line carries a few of these, and String(format:) was a tenth of a
        // busy poll's filing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func put(_ value: Int32, width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var rest = max(value, 0)
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            bytes += digits
        }
        put(parts.tm_year + 1900, width: 4)
        bytes.append(0x2D)
        put(parts.tm_mon + 1, width: 2)
        bytes.append(0x2D)
        put(parts.tm_mday, width: 2)
        bytes.append(0x54)
        put(parts.tm_hour, width: 2)
        bytes.append(0x3A)
        put(parts.tm_min, width: 2)
        bytes.append(0x3A)
        put(parts.tm_sec, width: 2)
        bytes.append(0x5A)
        return String(decoding: bytes, as: UTF8.self)
    }

    package static func parse(_ text: String) -> Date? {
        if let date = parseCanonical(text) { return date }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for formatter in formatters {
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, exactly what `format` writes: parsed by hand, since journals hold many of them
    /// and Foundation's formatter is slow on Linux.
    static func parseCanonical(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    // ISO8601DateFormatter is thread-safe for reading once configured.
    nonisolated(unsafe) private static let formatters: [ISO8601DateFormatter] = {
        let options: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime],
            [.withInternetDateTime, .withFractionalSeconds],
            [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate],
            [.withFullDate],
        ]
        return options.map { option in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = option
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter
        }
    }()
}
