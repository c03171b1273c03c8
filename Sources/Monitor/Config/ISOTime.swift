import Foundation

/// ISO-8601 times as Vigía reads and writes them (`2026-11-23T10:15:00Z`, fractions and offsets accepted).
public enum ISOTime {
    public static func format(_ date: Date) -> String {
        // Whole seconds in UTC: readable, sortable, and exact for our purposes.
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for formatter in formatters {
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
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
