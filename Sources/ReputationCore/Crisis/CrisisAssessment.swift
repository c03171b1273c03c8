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
        /// What decided, for the sentence after "scope: " (built only when an event is raised).
        var signal: Signal

        enum Signal: Sendable, Hashable {
            case volume
            case negativeShare(total: Int)
            case influencer(reach: Int)
            case calm
        }

        typealias WindowReading = (minutes: Int, reading: WindowBaseline.Reading, negatives: Int)

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

        /// The volume level of one window: its score must pass the level's bar, the recent peaks and the usual
        /// high plus margin, and the window must hold the minimum volume.
        static func volume(_ item: WindowReading, settings: CrisisSettings) -> Assessment? {
            let reading = item.reading
            let lowestBar = min(settings.watchScore, settings.warningScore, settings.crisisScore)
            guard reading.sum >= settings.minimumVolume, reading.score >= lowestBar else { return nil }
            let unusual = max(reading.peakBefore, reading.usualHighBefore + settings.usualHighMargin)
            let level: Level
            let bar: Double
            if reading.score >= max(settings.crisisScore, unusual) {
                (level, bar) = (.crisis, max(settings.crisisScore, unusual))
            } else if reading.score >= max(settings.warningScore, unusual) {
                (level, bar) = (.warning, max(settings.warningScore, unusual))
            } else if reading.score >= settings.watchScore {
                (level, bar) = (.watch, settings.watchScore)
            } else {
                return nil
            }
            let threshold = reading.count(atScore: bar)
            return Assessment(
                level: level, count: reading.sum, negativeCount: item.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: item.minutes, signal: .volume)
        }

        static func negativeShare(_ reading: NegativeShare.Reading, settings: CrisisSettings) -> Assessment? {
            guard reading.negatives >= settings.minimumNegative, reading.score >= settings.negativeShareScore else {
                return nil
            }
            let minutes = reading.windowBuckets * settings.bucketMinutes
            let threshold = reading.count(atScore: settings.negativeShareScore)
            return Assessment(
                level: .warning, count: reading.total, negativeCount: reading.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: minutes, signal: .negativeShare(total: reading.total))
        }

        static func influencer(reach: Int, bucket: BucketCount, settings: CrisisSettings) -> Assessment {
            Assessment(
                level: .warning, count: bucket.total, negativeCount: bucket.negative, baseline: 0,
                threshold: Double(settings.influencerReach), windowMinutes: settings.bucketMinutes,
                signal: .influencer(reach: reach))
        }

        /// The numbers shown when an episode ends: the longest window against its baseline.
        static func calm(longest: WindowReading?, settings: CrisisSettings) -> Assessment {
            guard let item = longest else {
                return Assessment(level: .watch, count: 0, negativeCount: 0, baseline: 0, threshold: 0,
                                  windowMinutes: settings.bucketMinutes, signal: .calm)
            }
            let reading = item.reading
            let threshold = reading.count(atScore: settings.endScore)
            return Assessment(
                level: .watch, count: reading.sum, negativeCount: item.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: item.minutes, signal: .calm)
        }

        func event(kind: Event.Kind, level: Level, scope: Scope, start: Date) -> Event {
            Event(kind: kind, scope: scope, level: level, bucketStart: start, count: count,
                  negativeCount: negativeCount, baseline: baseline, threshold: threshold,
                  windowMinutes: windowMinutes, explanation: "\(scope): \(detail)")
        }

        /// The human sentence: what was counted, against what baseline and threshold.
        var detail: String {
            let window = Self.duration(windowMinutes)
            switch signal {
            case .volume:
                return "\(count) mentions in \(window) vs baseline \(Self.format(baseline)) "
                    + "(threshold \(Self.format(threshold)))"
            case .negativeShare(let total):
                return "\(negativeCount) of \(total) mentions negative in \(window) vs baseline "
                    + "\(Self.format(baseline)) negative (threshold \(Self.format(threshold)))"
            case .influencer(let reach):
                return "a negative post by an author with reach \(reach) (threshold \(Int(threshold)))"
            case .calm where count == 0 && threshold == 0:
                return "back to baseline"
            case .calm:
                return "back to baseline: \(count) mentions in \(window) vs baseline \(Self.format(baseline)) "
                    + "(calm below \(Self.format(threshold)))"
            }
        }

        private var margin: Double { threshold > 0 ? Double(count) / threshold : Double(count) }

        static func duration(_ minutes: Int) -> String {
            minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes) min"
        }

        static func format(_ value: Double) -> String {
            String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), value)
        }
    }
}
