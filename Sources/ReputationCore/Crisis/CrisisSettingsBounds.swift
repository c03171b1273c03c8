import Foundation

extension CrisisSettings {
    /// A setting outside what the detector can honour (say `window_buckets: [1, 1e9]`, which would allocate
    /// gigabytes): names the key, the value found and the range accepted.
    package struct OutOfRange: Error, Hashable, CustomStringConvertible, LocalizedError {
        package var key: String
        package var found: String
        package var range: String

        package var description: String { "crisis.\(key): \(found) is out of range (expected \(range))" }
        package var errorDescription: String? { description }
    }

    /// One bounded number: its key, its value, and the closed range it must lie in.
    private struct Bound {
        var key: CodingKeys
        var value: Double
        var range: ClosedRange<Double>
        var unit: String

        init(_ key: CodingKeys, _ value: Double, _ range: ClosedRange<Double>, _ unit: String) {
            self.key = key
            self.value = value
            self.range = range
            self.unit = unit
        }
    }

    /// The longest window, in minutes: a day. Memory per scope is one ring of the longest window.
    static let longestWindowMinutes = 24 * 60

    /// Throws `OutOfRange` for the first setting outside its range. Every value that reaches the detector passed
    /// here, so bucket arithmetic (ring sizes, cool-down lengths) stays small and finite.
    package func validate() throws(OutOfRange) {
        for bound in bounds where !(bound.value.isFinite && bound.range.contains(bound.value)) {
            throw OutOfRange(key: bound.key.rawValue, found: Self.text(bound.value),
                             range: "\(Self.text(bound.range.lowerBound))…\(Self.text(bound.range.upperBound)) "
                                + bound.unit)
        }
        let most = Self.longestWindowMinutes / bucketMinutes
        guard (1...8).contains(windowBuckets.count) else {
            throw OutOfRange(key: CodingKeys.windowBuckets.rawValue, found: "\(windowBuckets.count) windows",
                             range: "1…8 windows")
        }
        if let bad = windowBuckets.first(where: { !(1...most).contains($0) }) {
            throw OutOfRange(key: CodingKeys.windowBuckets.rawValue, found: "\(bad)",
                             range: "1…\(most) buckets each (up to 24 h of \(bucketMinutes)-minute buckets)")
        }
    }

    private var bounds: [Bound] {
        let year = 8760.0
        return [
            Bound(.bucketMinutes, Double(bucketMinutes), 1...60, "minutes"),
            Bound(.baselineHalfLifeHours, baselineHalfLifeHours, 0.5...year, "hours"),
            Bound(.seasonalHalfLifeDays, seasonalHalfLifeDays, 0.5...365, "days"),
            Bound(.peakMemoryHalfLifeDays, peakMemoryHalfLifeDays, 0...365, "days"),
            Bound(.usualHighQuantile, usualHighQuantile, 0.5...0.9999, ""),
            Bound(.usualHighMargin, usualHighMargin, 0...100, "score points"),
            Bound(.watchScore, watchScore, 0...1000, "score points"),
            Bound(.warningScore, warningScore, 0...1000, "score points"),
            Bound(.crisisScore, crisisScore, 0...1000, "score points"),
            Bound(.endScore, endScore, -100...1000, "score points"),
            Bound(.calmBucketsToEnd, Double(calmBucketsToEnd), 1...10_000, "buckets"),
            Bound(.cooldownHours, cooldownHours, 0...year, "hours"),
            Bound(.minimumVolume, Double(minimumVolume), 0...1_000_000, "mentions"),
            Bound(.watchOdds, watchOdds, 1...1e100, "(\"1 in N\")"),
            Bound(.warningOdds, warningOdds, 1...1e100, "(\"1 in N\")"),
            Bound(.crisisOdds, crisisOdds, 1...1e100, "(\"1 in N\")"),
            Bound(.shiftConfirmHours, shiftConfirmHours, 0...year, "hours (0: never)"),
            Bound(.quietMentions, quietMentions, 0...1000, "mentions (0: a fixed floor)"),
            Bound(.burstScanMentions, burstScanMentions, 0...1000, "mentions (0: fixed windows only)"),
            Bound(.clustering, clustering, 0...4, "(0: Poisson, 1: as learned)"),
            Bound(.busyWarningScore, busyWarningScore, 0...1000, "score points"),
            Bound(.busyUsualHighMargin, busyUsualHighMargin, 0...100, "score points"),
            Bound(.busyWarningOdds, busyWarningOdds, 1...1e100, "(\"1 in N\")"),
            Bound(.tricklePerDay, tricklePerDay, 0.01...1e9, "mentions a day"),
            Bound(.busyPerDay, busyPerDay, 0.01...1e9, "mentions a day (at least trickle_per_day)"),
            Bound(.warmupHours, warmupHours, 0...year, "hours"),
            Bound(.negativeShareScore, negativeShareScore, 0...1000, "score points"),
            Bound(.negativeShareHalfLifeDays, negativeShareHalfLifeDays, 0.01...365, "days"),
            Bound(.minimumNegative, Double(minimumNegative), 0...1_000_000, "mentions"),
            Bound(.influencerReach, Double(influencerReach), 0...1e10, "followers"),
        ]
    }

    private static func text(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        return value == value.rounded() ? String(Int(value)) : "\(value)"
    }
}
