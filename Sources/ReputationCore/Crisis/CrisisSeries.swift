import Foundation

extension Crisis {
    /// What one scope's closed bucket holds.
    struct BucketCount: Sendable, Codable, Hashable {
        var total = 0
        var negative = 0
        /// The largest reach of a negative post's author in the bucket (0: none known).
        var negativeReach = 0

        mutating func add(negative isNegative: Bool, reach: Int?) {
            total += 1
            if isNegative {
                negative += 1
                negativeReach = max(negativeReach, reach ?? 0)
            }
        }
    }

    /// The streaming state of one scope: the last few closed buckets (enough for the longest window), one
    /// baseline per window length, the usual negative share, and the episode. Constant memory per scope.
    struct Series: Sendable, Codable, Hashable {
        var scope: Scope
        /// Window lengths in buckets, ascending (from the settings when the series began).
        var windows: [Int]
        /// Totals and negatives of the last closed buckets in a ring; `head` is where the next one goes.
        var recent: [Int]
        var recentNegative: [Int]
        var head = 0
        /// Buckets closed so far.
        var closed = 0
        var baselines: [WindowBaseline]
        var negativeShare = NegativeShare()
        var episode = Episode()

        init(scope: Scope, settings: CrisisSettings) {
            self.scope = scope
            windows = settings.windows
            recent = [Int](repeating: 0, count: windows.last ?? 1)
            recentNegative = recent
            baselines = [WindowBaseline](repeating: WindowBaseline(), count: windows.count)
        }

        /// Adds a late mention to the closed bucket `age` buckets back (1 = the last closed one), so the windows
        /// still open over it include it. Returns false when that bucket is older than the ring or the series.
        mutating func addLate(age: Int, negative: Bool) -> Bool {
            guard age >= 1, age <= recent.count, age <= closed else { return false }
            let slot = (head - age + recent.count) % recent.count
            recent[slot] += 1
            if negative { recentNegative[slot] += 1 }
            return true
        }

        /// Closes one bucket: scores every window ending with it, learns, and steps the episode.
        mutating func close(_ bucket: BucketCount, start: Date, hour: Int, settings: CrisisSettings,
                            rates: Rates) -> Event? {
            push(bucket)
            let warm = Double(closed) > settings.warmupHours * settings.bucketsPerHour
            var volume: Assessment?
            var longest: Assessment.WindowReading?
            var calm = true
            for (index, length) in windows.enumerated() where closed >= length {
                let reading = baselines[index].observe(sum(last: length, of: recent), hour: hour, rates: rates)
                let item = (length * settings.bucketMinutes, reading, sum(last: length, of: recentNegative))
                calm = calm && reading.score < settings.endScore
                if warm { volume = Assessment.stronger(volume, Assessment.volume(item, settings: settings)) }
                longest = item
            }
            let span = windows.last ?? 1
            let share = negativeShare.observe(
                windowNegatives: sum(last: span, of: recentNegative), windowTotal: sum(last: span, of: recent),
                windowBuckets: span, bucketNegatives: bucket.negative, bucketTotal: bucket.total,
                decay: rates.negativeDecay)
            calm = calm && share.score < settings.negativeShareScore / 2
            let assessment = Assessment.strongest(volume: volume, share: warm ? share : nil,
                                                  reach: bucket.negativeReach, bucket: bucket, settings: settings)
            guard let (kind, level) = episode.step(
                asking: assessment?.level, byVolume: assessment?.signal == .volume, calm: calm, settings: settings)
            else { return nil }
            let reason = kind == .ended ? Assessment.calm(longest: longest, settings: settings) : assessment
            return (reason ?? Assessment.calm(longest: longest, settings: settings))
                .event(kind: kind, level: level, scope: scope, start: start)
        }

        private mutating func push(_ bucket: BucketCount) {
            recent[head] = bucket.total
            recentNegative[head] = bucket.negative
            head = (head + 1) % recent.count
            closed += 1
        }

        /// Sum of the last `length` closed buckets in `ring`.
        private func sum(last length: Int, of ring: [Int]) -> Int {
            var total = 0
            var slot = head
            for _ in 0..<min(length, ring.count) {
                slot = slot == 0 ? ring.count - 1 : slot - 1
                total += ring[slot]
            }
            return total
        }
    }
}
