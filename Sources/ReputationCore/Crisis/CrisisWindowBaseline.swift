import Foundation

extension Crisis {
    /// The learned "normal" of one window length (say 30 min) in one scope, in square-root units.
    ///
    /// Counts are scored as `sqrt(count + 3/8)` (Anscombe): Poisson noise is then about 0.5 wide whatever the
    /// volume, which keeps one threshold meaningful from 0.3 to 300 mentions per bucket. The baseline is a level
    /// plus an hour-of-day offset (daily rhythm), both exponentially weighted and fed a clipped residual so a
    /// surge barely moves them (robust). Two memories keep a bursty series (bots, scheduled posts, a ticker that
    /// spikes every market open) from alerting on its ordinary bursts: `peak`, the highest recent score, decaying;
    /// and `usualHigh`, a running estimate of the score's upper quantile (how high "normal" goes). To alert, a
    /// score must beat both. Constant memory: 24 offsets, 24 counters and a few numbers.
    struct WindowBaseline: Sendable, Codable, Hashable {
        /// Poisson noise in square-root units; the scale never goes below it (count-aware floor).
        static let noiseFloor = 0.5
        /// Residuals are clipped at this many scales before they update the baseline: a surge moves it little,
        /// while a series that is simply noisier still widens its scale.
        static let clip = 8.0
        /// Step of the quantile tracker, in score units: large enough to follow a change of character within
        /// days, small enough that one surge does not lift it much.
        static let quantileStep = 0.1

        var level: Double?
        var deviation = WindowBaseline.noiseFloor
        var hourly = [Double](repeating: 0, count: 24)
        var updates = 0
        var hourlyUpdates = [Int](repeating: 0, count: 24)
        var peak = 0.0
        var usualHigh = 2.0

        /// What one window sum looks like against the baseline, before the baseline learns from it.
        struct Reading: Sendable, Hashable {
            var sum: Int
            var score: Double
            /// The decayed peak of earlier scores: to alert, a score must also reach it.
            var peakBefore: Double
            /// The scope's usual high score (upper quantile) before this one.
            var usualHighBefore: Double
            var center: Double
            var scale: Double

            /// Expected count in the window.
            var expected: Double { count(atScore: 0) }

            /// The window count that would score `score`.
            func count(atScore score: Double) -> Double {
                let root = max(center + score * scale, 0)
                return max(root * root - 0.375, 0)
            }
        }

        /// Scores `sum` (ending in a bucket of hour `hour`, `expected` mentions expected) and then learns from it.
        /// The scale's floor is Poisson noise in square-root units, which is 0.5 at volume and shrinks towards
        /// nothing below about `quietKnee` expected mentions (a window that is almost always 0 or 1): there the
        /// count's tail probability judges instead (see `Assessment.volume`).
        mutating func observe(_ sum: Int, expected: Double, quietKnee: Double, hour: Int, rates: Rates) -> Reading {
            let root = (Double(sum) + 0.375).squareRoot()
            let level = self.level ?? root
            let center = level + hourly[hour]
            let floor = quietKnee > 0 ? Self.noiseFloor * min(1, (expected / (expected + quietKnee)).squareRoot())
                : Self.noiseFloor
            let scale = max(1.25 * deviation, floor)
            let score = (root - center) / scale
            let reading = Reading(
                sum: sum, score: score, peakBefore: peak, usualHighBefore: usualHigh, center: center, scale: scale)
            learn(residual: min(max(score, -Self.clip), Self.clip) * scale, level: level, hour: hour, rates: rates)
            peak = max(peak * rates.peakDecay, score)
            // Robbins-Monro: settles where the score exceeds `usualHigh` a fraction `tail` of the time.
            usualHigh += Self.quantileStep * (score > usualHigh ? 1 - rates.tail : -rates.tail)
            return reading
        }

        /// A confirmed new normal: the current window's root becomes the centre of its hour, peaks are forgotten.
        mutating func rebase(sum: Int, hour: Int) {
            let root = (Double(sum) + 0.375).squareRoot()
            level = root - hourly[hour]
            peak = 0
        }

        /// Holt-Winters style: the level learns the deseasonalised count, each hour slot its own offset from the
        /// level. Rates start at 1/n (a plain average) and settle at the half-life rate, so a new scope knows its
        /// rhythm after a day instead of carrying its first guesses for weeks.
        private mutating func learn(residual: Double, level: Double, hour: Int, rates: Rates) {
            updates += 1
            hourlyUpdates[hour] += 1
            let levelRate = max(rates.level, 1 / Double(updates))
            let hourRate = max(rates.hourly, 1 / Double(hourlyUpdates[hour]))
            let observed = level + hourly[hour] + residual
            deviation += levelRate * (abs(residual) - deviation)
            let newLevel = level + levelRate * (observed - level - hourly[hour])
            self.level = newLevel
            hourly[hour] += hourRate * ((observed - newLevel) - hourly[hour])
        }
    }

    /// Per-bucket learning rates derived from the settings' half-lives.
    struct Rates: Sendable {
        var level: Double
        var hourly: Double
        var peakDecay: Double
        var negativeDecay: Double
        var tail: Double

        init(_ settings: CrisisSettings) {
            let perHour = settings.bucketsPerHour
            level = 1 - CrisisSettings.decay(halfLifeBuckets: settings.baselineHalfLifeHours * perHour)
            // An hour slot sees `perHour` buckets a day, so a half-life of d days is d * perHour of its updates.
            hourly = 1 - CrisisSettings.decay(halfLifeBuckets: settings.seasonalHalfLifeDays * perHour)
            peakDecay = CrisisSettings.decay(halfLifeBuckets: settings.peakMemoryHalfLifeDays * 24 * perHour)
            negativeDecay = CrisisSettings.decay(halfLifeBuckets: settings.negativeShareHalfLifeDays * 24 * perHour)
            tail = min(max(1 - settings.usualHighQuantile, 0.0001), 0.5)
        }
    }
}
