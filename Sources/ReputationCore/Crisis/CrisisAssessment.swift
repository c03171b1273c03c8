import Foundation

extension Crisis {
    /// The strongest signal of one closed bucket in one scope and the numbers that explain it.
    struct Assessment: Sendable, Hashable {
        var level: Level
        var count: Int
        var negativeCount: Int
        var baseline: Double
        var threshold: Double
        var windowMinutes: Int
        /// For a volume signal: −log10 of the chance of at least `count` mentions at the expected rate (Poisson).
        var surprise: Double?
        /// For a volume signal: the odds bar (−log10) of its level, so the count that reaches it can be added to the
        /// threshold when an event is raised (a search, not worth doing for every bucket).
        var oddsBar: Double?
        /// The cluster size the tail was counted in (1: Poisson, see `Clustering`).
        var clustering = 1.0
        /// The scope's volume (mentions a day) its warning bars were set at, where they move with volume
        /// (`busy_per_day`); `nil` where they do not.
        var perDay: Double?
        /// The warning score bar used at that volume.
        var warningBar: Double?
        /// What decided, for the sentence after "scope: " (built only when an event is raised).
        var signal: Signal

        enum Signal: Sendable, Hashable {
            case volume
            case negativeShare(total: Int)
            case influencer(reach: Int)
            case calm
            /// The volume stayed high long enough to be the scope's new usual (a level shift), not a crisis.
            case newNormal(hours: Double)
        }

        /// One window's reading: its length, its z-score reading, its negatives, its expected count (mentions,
        /// from the rate baseline's hour profile) and the cluster size its tail is counted in.
        typealias WindowReading = (minutes: Int, reading: WindowBaseline.Reading, negatives: Int, expected: Double,
                                   clustering: Double)

        /// The highest level any signal asks for: the strongest volume window (already chosen), the negative
        /// share (`nil` while the scope warms up), an influencer's negative post.
        static func strongest(
            volume: Assessment?, share: NegativeShare.Reading?, reach: Int, bucket: BucketCount,
            settings: CrisisSettings
        ) -> Assessment? {
            var best = volume
            if let share { best = stronger(best, negativeShare(share, settings: settings)) }
            if reach >= settings.influencerReach, settings.influencerReach > 0 {
                best = stronger(best, influencer(reach: reach, bucket: bucket, settings: settings))
            }
            return best
        }

        /// Highest level first; among equals, the one furthest past its threshold.
        static func stronger(_ lhs: Assessment?, _ rhs: Assessment?) -> Assessment? {
            guard let lhs else { return rhs }
            guard let rhs else { return lhs }
            return (lhs.level, lhs.margin) < (rhs.level, rhs.margin) ? rhs : lhs
        }

        /// The volume level of one window: the lower of two opinions. The z-score must pass the level's bar, the
        /// recent peaks and the usual high plus margin (a bursty scope must burst harder than usual); the count must
        /// be at most "1 in N" likely at its expected rate (the level's odds) and, for a warning or crisis, hold
        /// the minimum volume. At volume the odds are easily met and the z-score decides; at a trickle the z-score
        /// is jumpy and the odds decide.
        static func volume(_ item: WindowReading, settings: CrisisSettings) -> Assessment? {
            let reading = item.reading
            let lowestBar = min(settings.watchScore, settings.warningScore, settings.crisisScore)
            guard reading.score >= lowestBar, let byScore = scoreLevel(reading, settings: settings) else { return nil }
            let surprise = Tail.surprise(count: reading.sum, expected: item.expected, clustering: item.clustering)
            guard let byOdds = oddsLevel(surprise, count: reading.sum, settings: settings) else { return nil }
            let level = min(byScore, byOdds)
            let bars = bars(for: level, reading: reading, settings: settings)
            let volumeCount = level >= .warning ? Double(settings.minimumVolume) : 0
            return Assessment(
                level: level, count: reading.sum, negativeCount: item.negatives, baseline: item.expected,
                threshold: max(reading.count(atScore: bars.score), volumeCount), windowMinutes: item.minutes,
                surprise: surprise, oddsBar: log10(bars.odds), clustering: item.clustering, signal: .volume)
        }

        /// The level of the count since a burst began (see `Series.burst`): its odds decide (a window below the
        /// minimum volume is at most a watch).
        static func burst(count: Int, negatives: Int, expected: Double, minutes: Int, surprise: Double,
                          clustering: Double, settings: CrisisSettings) -> Assessment? {
            guard let level = oddsLevel(surprise, count: count, settings: settings) else { return nil }
            let volumeCount = level >= .warning ? Double(settings.minimumVolume) : 0
            return Assessment(
                level: level, count: count, negativeCount: negatives, baseline: expected, threshold: volumeCount,
                windowMinutes: minutes, surprise: surprise, oddsBar: log10(odds(for: level, settings: settings)),
                clustering: clustering, signal: .volume)
        }

        /// The level the z-score alone asks for.
        private static func scoreLevel(_ reading: WindowBaseline.Reading, settings: CrisisSettings) -> Level? {
            Level.allCases.reversed().first { reading.score >= bars(for: $0, reading: reading, settings: settings).score }
        }

        /// The level the odds alone ask for; a window below the minimum volume is at most a watch.
        private static func oddsLevel(_ surprise: Double, count: Int, settings: CrisisSettings) -> Level? {
            let level = Level.allCases.reversed().first { surprise >= log10(odds(for: $0, settings: settings)) }
            guard let level, level > .watch, count < settings.minimumVolume else { return level }
            return .watch
        }

        /// The score bar and odds of a level; warning and crisis must also beat the recent peak and usual high.
        private static func bars(for level: Level, reading: WindowBaseline.Reading, settings: CrisisSettings)
            -> (score: Double, odds: Double)
        {
            let unusual = max(reading.peakBefore, reading.usualHighBefore + settings.usualHighMargin)
            switch level {
            case .watch: return (settings.watchScore, settings.watchOdds)
            case .warning: return (max(settings.warningScore, unusual), settings.warningOdds)
            case .crisis: return (max(settings.crisisScore, unusual), settings.crisisOdds)
            }
        }

        private static func odds(for level: Level, settings: CrisisSettings) -> Double {
            switch level {
            case .watch: settings.watchOdds
            case .warning: settings.warningOdds
            case .crisis: settings.crisisOdds
            }
        }

        static func negativeShare(_ reading: NegativeShare.Reading, settings: CrisisSettings) -> Assessment? {
            guard reading.negatives >= settings.minimumNegative, reading.score >= settings.negativeShareScore else {
                return nil
            }
            let minutes = reading.windowBuckets * settings.bucketMinutes
            let threshold = reading.count(atScore: settings.negativeShareScore)
            return Assessment(
                level: .warning, count: reading.total, negativeCount: reading.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: minutes, surprise: nil, oddsBar: nil, signal: .negativeShare(total: reading.total))
        }

        static func influencer(reach: Int, bucket: BucketCount, settings: CrisisSettings) -> Assessment {
            Assessment(
                level: .warning, count: bucket.total, negativeCount: bucket.negative, baseline: 0,
                threshold: Double(settings.influencerReach), windowMinutes: settings.bucketMinutes, surprise: nil, oddsBar: nil,
                signal: .influencer(reach: reach))
        }

        /// The numbers shown when an episode ends: the longest window against its baseline.
        static func calm(longest: WindowReading?, settings: CrisisSettings) -> Assessment {
            guard let item = longest else {
                return Assessment(level: .watch, count: 0, negativeCount: 0, baseline: 0, threshold: 0,
                                  windowMinutes: settings.bucketMinutes, surprise: nil, oddsBar: nil, signal: .calm)
            }
            let reading = item.reading
            let threshold = reading.count(atScore: settings.endScore)
            return Assessment(
                level: .watch, count: reading.sum, negativeCount: item.negatives, baseline: item.expected,
                threshold: threshold, windowMinutes: item.minutes, surprise: nil, oddsBar: nil, signal: .calm)
        }

        func event(kind: Event.Kind, level: Level, scope: Scope, start: Date, end: Date) -> Event {
            var assessment = self
            if let oddsBar {
                let oddsCount = Double(Tail.count(reaching: oddsBar, expected: baseline, clustering: clustering))
                assessment.threshold = max(threshold, oddsCount)
            }
            return assessment.raise(kind: kind, level: level, scope: scope, start: start, end: end)
        }

        private func raise(kind: Event.Kind, level: Level, scope: Scope, start: Date, end: Date) -> Event {
            Event(kind: kind, scope: scope, level: level, bucketStart: start, count: count,
                  negativeCount: negativeCount, baseline: baseline, threshold: threshold,
                  windowMinutes: windowMinutes, explanation: "\(scope): \(detail)",
                  chance: surprise.map { pow(10, -min($0, 300)) }, bucketEnd: end)
        }

        /// The human sentence: what was counted, against what baseline and threshold.
        var detail: String {
            let window = Self.duration(windowMinutes)
            switch signal {
            case .volume:
                // Where the scope's mentions come in clusters, the chance is of that many clusters: say so.
                let clusters = clustering >= 1.05 ? "counted in clusters of \(Self.format(clustering)), " : ""
                return "\(count) mentions in \(window), expected \(Self.format(baseline)); \(clusters)"
                    + "\(Tail.phrase(surprise ?? 0)) (threshold \(Self.format(threshold))\(volume))"
            case .negativeShare(let total):
                return "\(negativeCount) of \(total) mentions negative in \(window) vs baseline "
                    + "\(Self.format(baseline)) negative (threshold \(Self.format(threshold)))"
            case .influencer(let reach):
                return "a negative post by an author with reach \(reach) (threshold \(Int(threshold)))"
            case .calm where count == 0 && threshold == 0:
                return "back to baseline"
            case .calm:
                return "back to baseline: \(count) mentions in \(window), expected \(Self.format(baseline)) "
                    + "(calm below \(Self.format(threshold)))"
            case .newNormal(let hours):
                return "a new normal: \(count) mentions in \(window), expected \(Self.format(baseline)), for "
                    + "\(Self.format(hours)) h; this volume is now the baseline"
            }
        }

        /// Why the bars are where they are, where they move with the scope's volume.
        private var volume: String {
            guard let perDay, let warningBar else { return "" }
            return "; warning bar \(Self.format(warningBar)) for a scope of \(perDay >= 10 ? String(Int(perDay.rounded())) : Self.format(perDay)) mentions a day"
        }

        private var margin: Double { threshold > 0 ? Double(count) / threshold : Double(count) }

        static func duration(_ minutes: Int) -> String {
            minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes) min"
        }

        /// One decimal; a small shop's expected counts (0.049 in 35 min) keep three, so they do not read as 0.0.
        static func format(_ value: Double) -> String {
            let posix = Locale(identifier: "en_US_POSIX")
            guard value > 0, value < 0.095 else { return String(format: "%.1f", locale: posix, value) }
            return value < 0.001 ? "under 0.001" : String(format: "%.3f", locale: posix, value)
        }
    }
}
