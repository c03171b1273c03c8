import Foundation

extension Crisis {
    /// What one scope's closed bucket holds.
    struct BucketCount: Sendable, Codable, Hashable {
        var total = 0
        var negative = 0
        /// The largest reach of a negative post's author in the bucket (0: none known).
        var negativeReach = 0

        /// A bucket holds at most a billion mentions (AMZN's busiest 5 minutes held 1,733): more is not a count but
        /// a corrupt file or state, and a window's sum of such buckets stays far from overflowing.
        static let mostMentions = 1_000_000_000

        /// Whether the counts could have been counted: 0 ≤ negative ≤ total ≤ `mostMentions`, reach ≥ 0.
        var isCountable: Bool {
            (0...Self.mostMentions).contains(total) && (0...total).contains(negative) && negativeReach >= 0
        }

        mutating func add(negative isNegative: Bool, reach: Int?) {
            total += 1
            if isNegative {
                negative += 1
                negativeReach = max(negativeReach, reach ?? 0)
            }
        }
    }

    /// The streaming state of one scope: the last few closed buckets (enough for the longest window) with what
    /// each was expected to hold, the expected rate, one z-score baseline per window length, the usual negative
    /// share, and the episode. Constant memory per scope.
    struct Series: Sendable, Codable, Hashable {
        var scope: Scope
        /// Window lengths in buckets, ascending (from the settings when the series began).
        var windows: [Int]
        /// Totals and negatives of the last closed buckets in a ring; `head` is where the next one goes.
        var recent: [Int]
        var recentNegative: [Int]
        /// Mentions each of those buckets was expected to hold (rate baseline, before it learned the bucket).
        var recentExpected: [Double]
        var head = 0
        /// Buckets closed so far.
        var closed = 0
        var baselines: [WindowBaseline]
        /// How clustered the scope's mentions are.
        var clusters = Clustering()
        var negativeShare = NegativeShare()
        var rate = RateBaseline()
        var episode = Episode()
        /// Consecutive buckets of the current episode that were not calm (for the level-shift rule).
        var hotBuckets = 0

        init(scope: Scope, settings: CrisisSettings) {
            self.scope = scope
            windows = settings.windows
            recent = [Int](repeating: 0, count: windows.last ?? 1)
            recentNegative = recent
            recentExpected = [Double](repeating: 0, count: recent.count)
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
            let end = start.addingTimeInterval(Double(max(settings.bucketMinutes, 1) * 60))
            let expected = rate.expected(hour: hour, firstCount: bucket.total)
            push(bucket, expected: expected)
            rate.learn(bucket.total, expected: expected, hour: hour, rates: rates)
            let warm = closed >= settings.warmupBuckets
            // The warning bars at this scope's own volume (see `busy_per_day`): one setting for shop and brand.
            let perDay = rate.level * settings.bucketsPerHour * 24
            let judged = settings.atVolume(perDay: perDay)
            var volume: Assessment?
            var longest: Assessment.WindowReading?
            var calm = true
            for (index, length) in windows.enumerated() where closed >= length {
                let windowExpected = sum(last: length, of: recentExpected)
                let windowSum = sum(last: length, of: recent)
                let reading = baselines[index].observe(
                    windowSum, expected: windowExpected, quietKnee: settings.quietMentions, hour: hour, rates: rates)
                let item = (length * settings.bucketMinutes, reading, sum(last: length, of: recentNegative),
                            windowExpected, clustering(settings))
                calm = calm && reading.score < settings.endScore
                if warm { volume = Assessment.stronger(volume, Assessment.volume(item, settings: judged)) }
                longest = item
            }
            if warm { volume = Assessment.stronger(volume, burst(bucketTotal: bucket.total, settings: judged)) }
            if settings.scalesWithVolume {
                volume?.perDay = perDay
                volume?.warningBar = judged.warningScore
            }
            // Clusters are learned from buckets that ask for no more than a watch, outside warnings and crises: a
            // surge must not teach that its bursts are the scope's usual clusters (a watch may: a scope learning
            // its clusters finds its first ones unusual).
            if (episode.level ?? .watch) == .watch, (volume?.level ?? .watch) == .watch {
                clusters.learn(bucket.total, expected: expected)
            }
            let span = windows.last ?? 1
            let share = negativeShare.observe(
                windowNegatives: sum(last: span, of: recentNegative), windowTotal: sum(last: span, of: recent),
                windowBuckets: span, bucketNegatives: bucket.negative, bucketTotal: bucket.total,
                decay: rates.negativeDecay)
            calm = calm && share.score < settings.negativeShareScore / 2
            if let shifted = confirmShift(calm: calm, longest: longest, hour: hour, settings: settings) {
                return shifted.event(
                    kind: .ended, level: episode.finish(settings: settings), scope: scope, start: start, end: end)
            }
            let assessment = Assessment.strongest(volume: volume, share: warm ? share : nil,
                                                  reach: bucket.negativeReach, bucket: bucket, settings: settings)
            guard let (kind, level) = episode.step(
                asking: assessment?.level, byVolume: assessment?.signal == .volume, calm: calm, settings: settings)
            else { return nil }
            if kind == .ended { hotBuckets = 0 }
            let reason = kind == .ended ? Assessment.calm(longest: longest, settings: settings) : assessment
            return (reason ?? Assessment.calm(longest: longest, settings: settings))
                .event(kind: kind, level: level, scope: scope, start: start, end: end)
        }

        /// The level-shift rule: an episode whose windows have not been calm for `shift_confirm_hours` is a new
        /// normal. Every baseline adopts the current volume and the episode ends (its cool-down starts), so a
        /// lasting change of volume is reported once, not for ever. Returns the reason when it fires.
        private mutating func confirmShift(calm: Bool, longest: Assessment.WindowReading?, hour: Int,
                                           settings: CrisisSettings) -> Assessment? {
            guard episode.level != nil, !calm else {
                hotBuckets = 0
                return nil
            }
            hotBuckets += 1
            let needed = settings.shiftConfirmHours * settings.bucketsPerHour
            guard settings.shiftConfirmHours > 0, Double(hotBuckets) >= needed, let longest else { return nil }
            hotBuckets = 0
            rate.rebase(observed: longest.reading.sum, expected: longest.expected)
            for (index, length) in windows.enumerated() {
                baselines[index].rebase(sum: sum(last: length, of: recent), hour: hour)
            }
            return Assessment(
                level: .watch, count: longest.reading.sum, negativeCount: longest.negatives,
                baseline: longest.expected, threshold: longest.reading.count(atScore: settings.endScore),
                windowMinutes: longest.minutes, surprise: nil, oddsBar: nil,
                signal: .newNormal(hours: settings.shiftConfirmHours))
        }

        /// The cluster size the tails are counted in: the learned one, weighted by the settings (0: Poisson).
        func clustering(_ settings: CrisisSettings) -> Double {
            1 + (clusters.factor - 1) * settings.clustering
        }

        private mutating func push(_ bucket: BucketCount, expected: Double) {
            recent[head] = bucket.total
            recentNegative[head] = bucket.negative
            recentExpected[head] = expected
            head = (head + 1) % recent.count
            closed += 1
        }

        /// Sum of the last `length` closed buckets in `ring`.
        private func sum<Number: AdditiveArithmetic>(last length: Int, of ring: [Number]) -> Number {
            var total = Number.zero
            var slot = head
            for _ in 0..<min(length, ring.count) {
                slot = slot == 0 ? ring.count - 1 : slot - 1
                total += ring[slot]
            }
            return total
        }
    }
}

extension Crisis.Series {
    /// State saved by an older version lacks the expected counts and the rate: they start fresh (the rate learns
    /// like a new scope's, within hours), everything else carries over.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(Crisis.Scope.self, forKey: .scope)
        windows = try c.decode([Int].self, forKey: .windows)
        recent = try c.decode([Int].self, forKey: .recent)
        recentNegative = try c.decode([Int].self, forKey: .recentNegative)
        head = try c.decode(Int.self, forKey: .head)
        closed = try c.decode(Int.self, forKey: .closed)
        baselines = try c.decode([Crisis.WindowBaseline].self, forKey: .baselines)
        clusters = try c.decodeIfPresent(Crisis.Clustering.self, forKey: .clusters) ?? Crisis.Clustering()
        negativeShare = try c.decode(Crisis.NegativeShare.self, forKey: .negativeShare)
        episode = try c.decode(Crisis.Episode.self, forKey: .episode)
        recentExpected = try c.decodeIfPresent([Double].self, forKey: .recentExpected)
            ?? [Double](repeating: 0, count: recent.count)
        rate = try c.decodeIfPresent(Crisis.RateBaseline.self, forKey: .rate) ?? Crisis.RateBaseline()
        hotBuckets = try c.decodeIfPresent(Int.self, forKey: .hotBuckets) ?? 0
        guard !recent.isEmpty, recentNegative.count == recent.count, recentExpected.count == recent.count,
              (0..<recent.count).contains(head), baselines.count == windows.count,
              windows.last == recent.count, zip(windows, windows.dropFirst()).allSatisfy({ $0 < $1 }),
              windows.first ?? 0 > 0
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .recent, in: c, debugDescription: "crisis series \(scope): rings and windows disagree")
        }
        try checkCounts(in: c)
    }

    /// A hand-edited or damaged state must be refused by name, not trap an addition on the next poll.
    private func checkCounts(in c: KeyedDecodingContainer<CodingKeys>) throws {
        let rings = zip(recent, recentNegative).map { Crisis.BucketCount(total: $0, negative: $1) }
        if let bad = rings.first(where: { !$0.isCountable }) {
            throw DecodingError.dataCorruptedError(
                forKey: .recent, in: c,
                debugDescription: "crisis series \(scope): a bucket of \(bad.total) mentions, \(bad.negative) negative "
                    + "(expected 0 to \(Crisis.BucketCount.mostMentions), negatives at most the total)")
        }
        if let bad = recentExpected.first(where: { !$0.isFinite || $0 < 0 }) {
            throw DecodingError.dataCorruptedError(
                forKey: .recentExpected, in: c,
                debugDescription: "crisis series \(scope): an expected count of \(bad) "
                    + "(expected a finite count, 0 or more)")
        }
        let span = 0...Int(Int32.max)
        for (key, value) in [(CodingKeys.closed, closed), (.hotBuckets, hotBuckets)] where !span.contains(value) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "crisis series \(scope): \(key.stringValue) is \(value) "
                    + "(expected 0 to \(span.upperBound) buckets)")
        }
    }
}

extension Crisis.BucketCount {
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = try c.decode(Int.self, forKey: .total)
        negative = try c.decode(Int.self, forKey: .negative)
        negativeReach = try c.decode(Int.self, forKey: .negativeReach)
        guard isCountable else {
            throw DecodingError.dataCorruptedError(
                forKey: .total, in: c,
                debugDescription: "an open bucket of \(total) mentions, \(negative) negative, reach \(negativeReach) "
                    + "(expected 0 to \(Self.mostMentions), negatives at most the total, reach 0 or more)")
        }
    }
}
