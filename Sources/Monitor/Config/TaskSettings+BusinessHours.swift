import Foundation
import ReputationCore

/// `business_hours`: "24x7", or {"mon-fri": "09:00-18:00", "sat": "10:00-14:00", "holidays": ["2026-12-25"]}.
/// Day keys are mon…sun or ranges ("mon-fri"); values are "HH:MM-HH:MM" spans separated by commas, or "closed".
/// Days not named are closed. Times are in `time_zone`.
enum BusinessHoursReader {
    static let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    static func read(_ root: ConfigObject, timeZone: TimeZone) throws(ConfigError) -> BusinessHours {
        guard let value = root.raw("business_hours") else { return .alwaysOpen }
        if case .string(let text) = value {
            guard ["24x7", "24/7", "always"].contains(text.lowercased()) else {
                throw root.mismatch("business_hours", "\"24x7\" or an object such as {\"mon-fri\": \"09:00-18:00\"}", value)
            }
            return .alwaysOpen
        }
        guard let object = try root.object("business_hours") else { return .alwaysOpen }
        var week: [[BusinessHours.Span]] = Array(repeating: [], count: 7)
        let holidays = Set(try object.strings("holidays") ?? [])
        for (index, day) in holidays.sorted().enumerated() where ISOTime.parse(day) == nil || day.count != 10 {
            throw .invalid(file: object.file, key: object.keyPath("holidays") + "[\(index)]", expected: "a date YYYY-MM-DD", found: "\"\(day)\"")
        }
        for key in object.keys where key != "holidays" {
            guard let indices = dayIndices(key) else {
                throw .unknownKey(file: object.file, key: object.keyPath(key), suggestion: Suggestion.nearest(to: key, among: days + ["mon-fri", "holidays"]))
            }
            let text = try object.requiredString(key, "opening hours such as \"09:00-18:00\" or \"closed\"")
            let spans = try spans(text, file: object.file, key: object.keyPath(key))
            for index in indices { week[index] = spans }
        }
        try object.finish()
        guard week.contains(where: { !$0.isEmpty }) else {
            throw .invalid(file: object.file, key: "business_hours", expected: "at least one open day (or \"24x7\")", found: "no open day")
        }
        return BusinessHours(week: week, timeZone: timeZone, holidays: holidays)
    }

    /// "mon" → [1]; "mon-fri" → [1…5]; "fri-mon" wraps over the weekend.
    static func dayIndices(_ key: String) -> [Int]? {
        let parts = key.lowercased().split(separator: "-").map(String.init)
        guard let first = parts.first.flatMap({ days.firstIndex(of: $0) }) else { return nil }
        if parts.count == 1 { return [first] }
        guard parts.count == 2, let last = days.firstIndex(of: parts[1]) else { return nil }
        var result = [first]
        var day = first
        while day != last {
            day = (day + 1) % 7
            result.append(day)
        }
        return result
    }

    static func spans(_ text: String, file: String, key: String) throws(ConfigError) -> [BusinessHours.Span] {
        if text.lowercased() == "closed" { return [] }
        var spans: [BusinessHours.Span] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let open = minutes(ends[0]), let close = minutes(ends[1]), open < close else {
                throw .invalid(file: file, key: key, expected: "spans such as \"09:00-14:00, 15:00-18:00\"", found: "\"\(text)\"")
            }
            spans.append(BusinessHours.Span(open: open, close: close))
        }
        return spans
    }

    /// "09:00" → 540; "24:00" allowed as the end of the day.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...59).contains(minute),
            (0...23).contains(hour) || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 60 + minute
    }
}
