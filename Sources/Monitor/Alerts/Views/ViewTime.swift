import Foundation

/// Times as people read them in the views: local to the configured time zone, with its UTC offset spelled out
/// (zone abbreviations differ between platforms; an offset reads the same everywhere).
enum ViewTime {
    /// "2026-11-23 13:00 UTC+1", "2026-11-23 17:30 UTC+5:30", "2026-11-23 12:00 UTC".
    static func local(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0) + offset(zone.secondsFromGMT(for: date))
    }

    static func offset(_ seconds: Int) -> String {
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        let sign = seconds < 0 ? "-" : "+"
        return "UTC\(sign)\(minutes / 60)" + (minutes % 60 == 0 ? "" : String(format: ":%02d", minutes % 60))
    }
}
