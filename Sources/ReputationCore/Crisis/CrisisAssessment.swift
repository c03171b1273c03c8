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
        /// The sentence after "scope: ".
        var detail: String

        typealias WindowReading = (minutes: Int, reading: WindowBaseline.Reading, negatives: Int)

        /// The highest level any signal asks for (volume in any window, negative share, influencer), if any.
        static func strongest(
            of readings: [WindowReading], share: NegativeShare.Reading?, reach: Int, bucket: BucketCount,
            scope: Scope, warm: Bool, settings: CrisisSettings
        ) -> Assessment? {
            var candidates: [Assessment] = []
            if warm {
                candidates += readings.compactMap { volume($0, settings: settings) }
                if let share, let found = negativeShare(share, settings: settings) { candidates.append(found) }
            }
            if reach >= settings.influencerReach, settings.influencerReach > 0 {
                candidates.append(influencer(reach: reach, bucket: bucket, settings: settings))
            }
            // Highest level first; among equals, the one furthest past its threshold.
            return candidates.max { ($0.level, $0.margin) < ($1.level, $1.margin) }
        }

        /// The volume level of one window: its score must pass the level's bar, the recent peaks and the usual
        /// high plus margin, and the window must hold the minimum volume.
        static func volume(_ item: WindowReading, settings: CrisisSettings) -> Assessment? {
            let reading = item.reading
            guard reading.sum >= settings.minimumVolume else { return nil }
            let unusual = max(reading.peakBefore, reading.usualHighBefore + settings.usualHighMargin)
            let levels: [(Level, Double)] = [
                (.crisis, max(settings.crisisScore, unusual)),
                (.warning, max(settings.warningScore, unusual)),
                (.watch, settings.watchScore),
            ]
            guard let (level, bar) = levels.first(where: { reading.score >= $0.1 }) else { return nil }
            let threshold = reading.count(atScore: bar)
            return Assessment(
                level: level, count: reading.sum, negativeCount: item.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: item.minutes,
                detail: "\(reading.sum) mentions in \(duration(item.minutes)) vs baseline "
                    + "\(format(reading.expected)) (threshold \(format(threshold)))")
        }

        static func negativeShare(_ reading: NegativeShare.Reading, settings: CrisisSettings) -> Assessment? {
            guard reading.negatives >= settings.minimumNegative, reading.score >= settings.negativeShareScore else {
                return nil
            }
            let minutes = (settings.windows.last ?? 1) * settings.bucketMinutes
            let threshold = reading.count(atScore: settings.negativeShareScore)
            return Assessment(
                level: .warning, count: reading.total, negativeCount: reading.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: minutes,
                detail: "\(reading.negatives) of \(reading.total) mentions negative in \(duration(minutes)) "
                    + "vs baseline \(format(reading.expected)) negative (threshold \(format(threshold)))")
        }

        static func influencer(reach: Int, bucket: BucketCount, settings: CrisisSettings) -> Assessment {
            Assessment(
                level: .warning, count: bucket.total, negativeCount: bucket.negative, baseline: 0,
                threshold: Double(settings.influencerReach), windowMinutes: settings.bucketMinutes,
                detail: "a negative post by an author with reach \(reach) (threshold \(settings.influencerReach))")
        }

        /// The numbers shown when an episode ends: the longest window against its baseline.
        static func calm(readings: [WindowReading], scope: Scope, settings: CrisisSettings) -> Assessment {
            guard let item = readings.last else {
                return Assessment(level: .watch, count: 0, negativeCount: 0, baseline: 0, threshold: 0,
                                  windowMinutes: settings.bucketMinutes, detail: "back to baseline")
            }
            let reading = item.reading
            let threshold = reading.count(atScore: settings.endScore)
            return Assessment(
                level: .watch, count: reading.sum, negativeCount: item.negatives, baseline: reading.expected,
                threshold: threshold, windowMinutes: item.minutes,
                detail: "back to baseline: \(reading.sum) mentions in \(duration(item.minutes)) vs baseline "
                    + "\(format(reading.expected)) (calm below \(format(threshold)))")
        }

        func event(kind: Event.Kind, level: Level, scope: Scope, start: Date) -> Event {
            Event(kind: kind, scope: scope, level: level, bucketStart: start, count: count,
                  negativeCount: negativeCount, baseline: baseline, threshold: threshold,
                  windowMinutes: windowMinutes, explanation: "\(scope): \(detail)")
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
