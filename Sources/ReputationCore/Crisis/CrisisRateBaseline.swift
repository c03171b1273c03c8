import Foundation

extension Crisis {
    /// The expected number of mentions in one bucket, in counts (not square roots), so a window's count can be
    /// judged by its Poisson tail ("9 in 30 min, expected 0.7").
    ///
    /// Expected = level × hour-of-day factor. The level is a ratio of exponentially weighted sums (mentions over
    /// hour factors seen, half-life `baseline_half_life_hours`), which is a plain average while young and stays
    /// stable at a trickle of mentions. Each hour slot's factor is its weighted mentions over the level it was
    /// seen at, both shrunk towards 1 by `slotPrior` pseudo-mentions: a slot that has seen three posts in a week
    /// does not claim to know its rhythm. Counts are clipped before they are learned, so a surge barely moves
    /// "normal" (a level shift is adopted explicitly, see `rebase`). Constant memory: 50 numbers.
    struct RateBaseline: Sendable, Codable, Hashable {
        /// Pseudo-mentions at factor 1 in every hour slot.
        static let slotPrior = 5.0
        /// A count is learned at most this many Poisson deviations above the expected one (plus one mention).
        static let clip = 4.0
        /// The expected count never goes below this: one mention a month in 5-minute buckets, so a silent scope
        /// still finds a first post unusual but not impossible.
        static let floor = 1e-4

        var weightedCounts = 0.0
        var weightedFactors = 0.0
        var slotCounts = [Double](repeating: 0, count: 24)
        var slotLevels = [Double](repeating: 0, count: 24)
        var updates = 0

        /// Mentions expected in a bucket of hour `hour`; the very first bucket expects what it holds.
        func expected(hour: Int, firstCount: Int) -> Double {
            let level = weightedFactors > 0 ? weightedCounts / weightedFactors : Double(firstCount)
            return max(level * factor(hour), Self.floor)
        }

        /// Mentions expected in a bucket of an average hour (the level, before the hour-of-day factor); 0 while new.
        var level: Double { weightedFactors > 0 ? weightedCounts / weightedFactors : 0 }

        func factor(_ hour: Int) -> Double {
            (slotCounts[hour] + Self.slotPrior) / (slotLevels[hour] + Self.slotPrior)
        }

        /// Learns one closed bucket holding `count` where `expected` was expected.
        mutating func learn(_ count: Int, expected: Double, hour: Int, rates: Rates) {
            updates += 1
            let ceiling = expected + Self.clip * expected.squareRoot() + 1
            // The first hour is learned as it is: there is no "normal" yet to clip against.
            let learned = updates > 12 ? min(Double(count), ceiling) : Double(count)
            let keepLevel = 1 - rates.level
            let keepSlot = 1 - rates.hourly
            weightedCounts = keepLevel * weightedCounts + learned
            weightedFactors = keepLevel * weightedFactors + factor(hour)
            slotCounts[hour] = keepSlot * slotCounts[hour] + learned
            slotLevels[hour] = keepSlot * slotLevels[hour] + weightedCounts / weightedFactors
        }

        /// A confirmed new normal: scale the level so the last `expected` mentions would have been `observed`.
        mutating func rebase(observed: Int, expected: Double) {
            guard expected > 0 else { return }
            weightedCounts *= max(Double(observed) / expected, 0.001)
        }
    }

    /// How unlikely a window's count is at its expected rate: the Poisson tail P(X ≥ count), as −log10, counted
    /// in clusters where the scope's mentions come clustered (see `Clustering`).
    enum Tail {
        static let ln10 = log(10.0)

        /// The tail of `count` mentions where `expected` were expected, in clusters of `clustering` mentions
        /// (quasi-Poisson: both divided by it; 1 is plain Poisson).
        static func surprise(count: Int, expected: Double, clustering: Double) -> Double {
            guard clustering > 1 else { return surprise(count: count, expected: expected) }
            return surprise(Double(count) / clustering, expected: expected / clustering)
        }

        /// −log10 P(X ≥ count) for X ~ Poisson(expected); 0 when the count is not above what was expected.
        /// O(1): the log probability of `count` itself (one lgamma), times the geometric bound of the rest of the
        /// tail (successive terms shrink by at most expected / (count + 1)), which is within a few percent of the
        /// exact tail where it matters (far out) and errs towards "less surprising" near the middle.
        static func surprise(count: Int, expected: Double) -> Double {
            count >= 1 ? surprise(Double(count), expected: expected) : 0
        }

        /// The same bound for a count that need not be whole (clusters): lgamma is the factorial's extension.
        private static func surprise(_ x: Double, expected: Double) -> Double {
            guard x > expected, expected > 0 else { return 0 }
            let ratio = expected / (x + 1)
            let logTerm = x * log(expected) - expected - lgamma(x + 1)
            let logTail = logTerm - log1p(-ratio)
            return max(0, -logTail / ln10)
        }

        /// The smallest count whose surprise reaches `bar` (−log10 of the odds) at `expected` mentions.
        static func count(reaching bar: Double, expected: Double, clustering: Double = 1) -> Int {
            var low = max(Int(expected.rounded(.down)), 0)
            var high = max(low + 1, 1)
            while surprise(count: high, expected: expected, clustering: clustering) < bar, high < 1 << 40 {
                (low, high) = (high, high * 2)
            }
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if surprise(count: middle, expected: expected, clustering: clustering) >= bar {
                    high = middle
                } else {
                    low = middle
                }
            }
            return high
        }

        /// "chance under 1 in 10,000", "chance about 1 in 40": the odds for people, rounded down to a power of ten
        /// once they are long.
        static func phrase(_ surprise: Double) -> String {
            if surprise < 2 { return "chance about 1 in \(Int(pow(10, surprise).rounded()))" }
            let power = Int(surprise.rounded(.down))
            guard power <= 15 else { return "chance under 1 in 10^\(power)" }
            var digits = "1" + String(repeating: "0", count: power)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return "chance under 1 in " + digits + grouped
        }
    }
}
