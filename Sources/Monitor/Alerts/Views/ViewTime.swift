import Foundation

/// Times as people read them in the views: local to the configured time zone, with its abbreviation.
enum ViewTime {
    /// "2026-11-23 11:15 CET".
    static func local(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let abbreviation = zone.abbreviation(for: date) ?? zone.identifier
        return String(
            format: "%04d-%02d-%02d %02d:%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0) + abbreviation
    }
}
