import Foundation

/// The report's arithmetic, as plain functions over numbers so each can be checked by hand.
enum ReportMath {
    /// Percentile `p` (0…100) by linear interpolation between closest ranks (the usual spreadsheet definition:
    /// the median of 1, 2, 3, 4 is 2.5). Nil for no values.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = (Double(sorted.count - 1) * min(max(p, 0), 100)) / 100
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// (positive − negative) / total × 100, rounded to a whole number in −100…100; nil when total is 0.
    static func netSentiment(positive: Int, negative: Int, total: Int) -> Int? {
        guard total > 0 else { return nil }
        return Int((Double(positive - negative) * 100 / Double(total)).rounded())
    }

    /// Share of due tasks answered in time, 0…100; nil when none is due yet.
    static func compliance(within: Int, breached: Int) -> Double? {
        let due = within + breached
        guard due > 0 else { return nil }
        return Double(within) * 100 / Double(due)
    }

    /// Rising when the later half has at least a quarter more than the earlier (and 2 more), falling the other way.
    static func trend(earlier: Int, later: Int) -> Report.Category.Trend {
        if later >= earlier + 2, Double(later) >= Double(earlier) * 1.25 { return .rising }
        if earlier >= later + 2, Double(earlier) >= Double(later) * 1.25 { return .falling }
        return .steady
    }
}
