import Foundation
import ReputationCore

/// The API key's daily quota as this feed has spent it: units used on the current Pacific-time day (when Google
/// resets quotas), kept in the cursor (`quota.day`, `quota.used`). commentThreads.list costs one unit.
struct YouTubeQuota {
    let limit: Int
    let day: String
    let reset: Date
    private(set) var used: Int

    static let pacific = TimeZone(identifier: "America/Los_Angeles") ?? TimeZone(secondsFromGMT: -8 * 3600)!

    init(cursor: [String: String], now: Date, limit: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.pacific
        let start = calendar.startOfDay(for: now)
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        reset = calendar.date(byAdding: .day, value: 1, to: start) ?? now.addingTimeInterval(86_400)
        self.limit = limit
        used = cursor["quota.day"] == day ? Int(cursor["quota.used"] ?? "") ?? 0 : 0
    }

    /// Takes `units` (a list call costs one, `comments.insert` 50); false when the day's units would be spent.
    mutating func spend(_ units: Int = 1) -> Bool {
        guard used + units <= limit else { return false }
        used += units
        return true
    }

    func store(in cursor: inout [String: String]) {
        cursor["quota.day"] = day
        cursor["quota.used"] = String(used)
    }
}
