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
        /// Totals and negatives of the last closed buckets, oldest first; as long as the longest window.
        var recent: [Int]
        var recentNegative: [Int]
        /// Buckets closed so far.
        var closed = 0
        var baselines: [WindowBaseline]
        var negativeShare = NegativeShare()
        var episode = Episode()

        init(scope: Scope, settings: CrisisSettings) {
            self.scope = scope
            let longest = settings.windows.last ?? 1
            recent = [Int](repeating: 0, count: longest)
            recentNegative = recent
            baselines = [WindowBaseline](repeating: WindowBaseline(), count: settings.windows.count)
        }

        /// Adds a late mention to the closed bucket `age` buckets back (1 = the last closed one), so the windows
        /// still open over it include it. Returns false when that bucket is older than the longest window.
        mutating func addLate(age: Int, negative: Bool) -> Bool {
            guard age >= 1, age <= recent.count, age <= closed else { return false }
            recent[recent.count - age] += 1
            if negative { recentNegative[recent.count - age] += 1 }
            return true
        }

        /// Closes one bucket: scores every window ending with it, learns, and steps the episode.
        mutating func close(_ bucket: BucketCount, start: Date, hour: Int, settings: CrisisSettings,
                            rates: Rates) -> Event? {
            push(bucket)
            let windows = settings.windows
            var readings: [(minutes: Int, reading: WindowBaseline.Reading, negatives: Int)] = []
            for (index, length) in windows.enumerated() where closed >= length {
                let reading = baselines[index].observe(sum(last: length, of: recent), hour: hour, rates: rates)
                readings.append((length * settings.bucketMinutes, reading, sum(last: length, of: recentNegative)))
            }
            let longest = windows.last ?? 1
            let share = negativeShare.observe(
                windowNegatives: sum(last: longest, of: recentNegative), windowTotal: sum(last: longest, of: recent),
                bucketNegatives: bucket.negative, bucketTotal: bucket.total, decay: rates.negativeDecay)
            let warm = Double(closed) > settings.warmupHours * settings.bucketsPerHour
            let assessment = Assessment.strongest(
                of: readings, share: warm ? share : nil, reach: bucket.negativeReach, bucket: bucket,
                scope: scope, warm: warm, settings: settings)
            let calm = readings.allSatisfy { $0.reading.score < settings.endScore }
                && share.score < settings.negativeShareScore / 2
            guard let (kind, level) = episode.step(asking: assessment?.level, calm: calm, settings: settings) else {
                return nil
            }
            let reason = assessment ?? Assessment.calm(readings: readings, scope: scope, settings: settings)
            return reason.event(kind: kind, level: level, scope: scope, start: start)
        }

        private mutating func push(_ bucket: BucketCount) {
            recent.removeFirst()
            recent.append(bucket.total)
            recentNegative.removeFirst()
            recentNegative.append(bucket.negative)
            closed += 1
        }

        private func sum(last length: Int, of values: [Int]) -> Int {
            values[(values.count - min(length, values.count))...].reduce(0, +)
        }
    }
}
