import Foundation

/// When the team works, in its time zone. Deadlines only run while the team is open: a complaint filed on Friday
/// evening with a 30-minute deadline is due 30 minutes after Monday's opening. An empty schedule means 24×7.
package struct BusinessHours: Sendable, Hashable {
    /// Opening hours of one weekday, as minutes from local midnight: `open..<close`.
    package struct Span: Sendable, Hashable {
        package var open: Int
        package var close: Int
        package init(open: Int, close: Int) {
            self.open = open
            self.close = close
        }
    }

    /// Index 0 = Sunday … 6 = Saturday (as `Calendar` weekday − 1). Empty array for a closed day.
    package var week: [[Span]]
    package var timeZone: TimeZone
    /// Whole local days off ("2026-12-25").
    package var holidays: Set<String>

    package static let alwaysOpen = BusinessHours(week: Array(repeating: [], count: 7), timeZone: .gmt, holidays: [])

    package init(week: [[Span]], timeZone: TimeZone, holidays: Set<String> = []) {
        precondition(week.count == 7, "a week has seven days")
        self.week = week
        self.timeZone = timeZone
        self.holidays = holidays
    }

    /// 24×7: no schedule configured.
    package var isAlwaysOpen: Bool { week.allSatisfy(\.isEmpty) }

    /// The moment `seconds` of open time have passed after `start`.
    package func deadline(from start: Date, adding seconds: TimeInterval) -> Date {
        guard !isAlwaysOpen else { return start.addingTimeInterval(seconds) }
        var remaining = seconds
        var cursor = start
        // A year of days is plenty; a schedule with no open day at all falls back to wall time.
        for _ in 0..<400 {
            let nextDay = startOfNextDay(after: cursor)
            for interval in openIntervals(onDayOf: cursor) where interval.end > cursor {
                let from = max(interval.start, cursor)
                let available = interval.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
                cursor = interval.end
            }
            cursor = max(cursor, nextDay)
        }
        return start.addingTimeInterval(seconds)
    }

    /// Whether the team is working at `date`.
    package func isOpen(at date: Date) -> Bool {
        guard !isAlwaysOpen else { return true }
        return openIntervals(onDayOf: date).contains { $0.start <= date && date < $0.end }
    }

    /// "lun–vie 09:00–18:00 (Europe/Madrid)" style summary for replies, in Spanish or English.
    package func summary(language: String) -> String {
        let names = language == "es"
            ? ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"] : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        var groups: [(first: Int, last: Int, spans: [Span])] = []
        for offset in 0..<7 {
            let day = (offset + 1) % 7  // Monday first
            let spans = week[day]
            if spans.isEmpty { continue }
            if let last = groups.last, last.spans == spans, (last.last + 1) % 7 == day {
                groups[groups.count - 1].last = day
            } else {
                groups.append((day, day, spans))
            }
        }
        let parts = groups.map { group -> String in
            let days = group.first == group.last ? names[group.first] : "\(names[group.first])–\(names[group.last])"
            return days + " " + group.spans.map { "\(Self.clock($0.open))–\(Self.clock($0.close))" }.joined(separator: ", ")
        }
        return parts.joined(separator: "; ") + " (\(timeZone.identifier))"
    }

    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func openIntervals(onDayOf date: Date) -> [DateInterval] {
        let calendar = self.calendar
        let dayStart = calendar.startOfDay(for: date)
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
        let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        guard !holidays.contains(key), let weekday = parts.weekday else { return [] }
        return week[weekday - 1].compactMap { span in
            // Build local wall times through the calendar so DST days get their real length.
            guard let open = calendar.date(bySettingHour: span.open / 60, minute: span.open % 60, second: 0, of: dayStart),
                let close = span.close >= 24 * 60
                    ? calendar.date(byAdding: .day, value: 1, to: dayStart)
                    : calendar.date(bySettingHour: span.close / 60, minute: span.close % 60, second: 0, of: dayStart),
                close > open
            else { return nil }
            return DateInterval(start: open, end: close)
        }
    }

    private func startOfNextDay(after date: Date) -> Date {
        let calendar = self.calendar
        let start = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
    }
}
