import Foundation

/// Every knob of the crisis detector, with defaults that live monitoring and `vigia crisis replay` share.
///
/// Two opinions decide a window's level, and the lower one wins:
/// - the robust z-score of the square-root (Anscombe) transformed window count against a seasonal baseline,
///   `z = (sqrt(count + 3/8) - baseline) / scale`, which learns how noisy (bursty) a scope really is and so keeps
///   a busy account from flooding; its scale floor is Poisson noise at the window's expected count;
/// - the count's tail probability under Poisson at the expected count (hour-of-day profile): how unlikely
///   "9 mentions in 30 min, expected 0.7" is. At a small shop's volume this is what decides; at high volume it
///   is easily passed and the z-score decides. The tail counts clusters where the scope's mentions come in
///   clusters (`clustering`), and at a trickle the count since a burst began is judged by it too
///   (`burstScanMentions`).
/// Decoding accepts any subset of keys (feeds/monitor.json may override one knob); missing keys keep their
/// defaults; every value is bounded (`validated()`), and the error names the key and its range.
package struct CrisisSettings: Sendable, Codable, Hashable {
    /// Length of one bucket. Mentions are counted per bucket by publication time.
    package var bucketMinutes: Int
    /// Window lengths, in buckets, whose sums are scored: bursts (10 min), surges (30 min), slow climbs (2 h). The
    /// shortest is two buckets, not one: a 5-minute blip (one retweet storm) is judged with the bucket before it, so
    /// it must be bigger to alarm, while a burst that lasts is seen as soon as one bucket of it closes. Chosen
    /// leave-one-series-out at every volume (`vigia-bench crisis-loso`, tools/crisis/README.md).
    package var windowBuckets: [Int]
    /// Half-life of the level baseline: how fast "normal" follows a lasting change in volume.
    package var baselineHalfLifeHours: Double
    /// Half-life of the hour-of-day profile, in days (each hour slot learns once a day).
    package var seasonalHalfLifeDays: Double
    /// Half-life, in days, of the memory of recent peaks. A surge must beat the recent peaks (decayed) to alert,
    /// so a series that bursts every day (bots, scheduled posts) learns that bursts are its normal.
    package var peakMemoryHalfLifeDays: Double
    /// The quantile of a scope's own scores taken as its "usual high" (0.99: exceeded 1% of the time).
    package var usualHighQuantile: Double
    /// To raise a warning or crisis, a score must exceed the usual high by this much: a series whose ordinary
    /// day has bursts must burst harder than usual.
    package var usualHighMargin: Double
    /// Score for a `watch` episode (recorded, not escalated).
    package var watchScore: Double
    /// Score for a `warning`.
    package var warningScore: Double
    /// Score for a `crisis`.
    package var crisisScore: Double
    /// An episode ends after `calmBucketsToEnd` consecutive buckets with every score below this.
    package var endScore: Double
    package var calmBucketsToEnd: Int
    /// After a warning or crisis episode ends, no new episode starts in this scope for this long (refractory).
    package var cooldownHours: Double
    /// A window needs at least this many mentions to raise a warning or crisis: three posts on a quiet night
    /// are not a crisis, whatever their odds (a short thread of replies is how people talk).
    package var minimumVolume: Int
    /// The tail bars, as odds: a window's count must be at most "1 in N" likely at its expected rate for a
    /// watch, a warning, a crisis (the count-aware opinion; see the type's note).
    package var watchOdds: Double
    package var warningOdds: Double
    package var crisisOdds: Double
    /// An episode whose windows stay above the calm line this long is a new normal (a level shift), not a
    /// crisis: the baselines adopt the current volume, the episode ends and the cool-down starts. 0: never.
    package var shiftConfirmHours: Double
    /// Below about this many expected mentions in a window, the z-score's noise floor shrinks with the count
    /// (Poisson noise of a window that is nearly always 0 or 1 is small) and the tail odds judge. 0: a fixed floor.
    package var quietMentions: Double
    /// Below this many expected mentions, the count since a burst began (a window starting at one of the last
    /// posts, up to the longest window) is judged by its tail too, so a small shop's burst is seen by its fourth
    /// post rather than its sixth. 0: fixed windows only.
    package var burstScanMentions: Double
    /// How much of a scope's learned clustering its tail odds take in (1: all of it, counted in clusters of the
    /// size its busy buckets showed; 0: Poisson, counted in mentions). A scope whose mentions come in threads
    /// then needs more threads to alarm; one whose posts come one by one is judged by Poisson either way.
    package var clustering: Double
    /// The warning bars at a busy scope's volume: at `busyPerDay` mentions a day (the scope's learned level) and
    /// above, a warning needs these instead of `warningScore`, `usualHighMargin`, `warningOdds`; at `tricklePerDay`
    /// and below, those; in between, interpolated on log(mentions a day). A busy account's bursts are many and
    /// well measured, so it can ask for more; a small shop's are few, so it must not. Equal values: no scaling.
    package var busyWarningScore: Double
    package var busyUsualHighMargin: Double
    package var busyWarningOdds: Double
    package var tricklePerDay: Double
    package var busyPerDay: Double
    /// History a scope needs before it may alert (the baseline must have seen a day).
    package var warmupHours: Double
    /// Binomial z-score of the negative count in the longest window against the scope's usual negative share
    /// at which a negative-share jump is a warning, even at normal volume.
    package var negativeShareScore: Double
    /// Half-life of the usual negative share.
    package var negativeShareHalfLifeDays: Double
    /// Negative mentions needed in the longest window for a negative-share warning.
    package var minimumNegative: Int
    /// One negative post by an author with at least this reach (followers) is a warning.
    package var influencerReach: Int

    package init(
        bucketMinutes: Int = 5, windowBuckets: [Int] = [2, 6, 24], baselineHalfLifeHours: Double = 336,
        seasonalHalfLifeDays: Double = 7, peakMemoryHalfLifeDays: Double = 7, usualHighQuantile: Double = 0.99,
        usualHighMargin: Double = 1, watchScore: Double = 4, warningScore: Double = 5, crisisScore: Double = 10,
        endScore: Double = 1, calmBucketsToEnd: Int = 6,
        cooldownHours: Double = 24, minimumVolume: Int = 4, watchOdds: Double = 1e3, warningOdds: Double = 1e5,
        crisisOdds: Double = 1e9, shiftConfirmHours: Double = 12, quietMentions: Double = 2,
        burstScanMentions: Double = 0.25, clustering: Double = 1, busyWarningScore: Double = 5,
        busyUsualHighMargin: Double = 1, busyWarningOdds: Double = 1e5, tricklePerDay: Double = 100,
        busyPerDay: Double = 5000, warmupHours: Double = 24,
        negativeShareScore: Double = 4, negativeShareHalfLifeDays: Double = 7, minimumNegative: Int = 5,
        influencerReach: Int = 100_000
    ) {
        self.bucketMinutes = bucketMinutes
        self.windowBuckets = windowBuckets
        self.baselineHalfLifeHours = baselineHalfLifeHours
        self.seasonalHalfLifeDays = seasonalHalfLifeDays
        self.peakMemoryHalfLifeDays = peakMemoryHalfLifeDays
        self.usualHighQuantile = usualHighQuantile
        self.usualHighMargin = usualHighMargin
        self.watchScore = watchScore
        self.warningScore = warningScore
        self.crisisScore = crisisScore
        self.endScore = endScore
        self.calmBucketsToEnd = calmBucketsToEnd
        self.cooldownHours = cooldownHours
        self.minimumVolume = minimumVolume
        self.watchOdds = watchOdds
        self.warningOdds = warningOdds
        self.crisisOdds = crisisOdds
        self.shiftConfirmHours = shiftConfirmHours
        self.quietMentions = quietMentions
        self.burstScanMentions = burstScanMentions
        self.clustering = clustering
        self.busyWarningScore = busyWarningScore
        self.busyUsualHighMargin = busyUsualHighMargin
        self.busyWarningOdds = busyWarningOdds
        self.tricklePerDay = tricklePerDay
        self.busyPerDay = busyPerDay
        self.warmupHours = warmupHours
        self.negativeShareScore = negativeShareScore
        self.negativeShareHalfLifeDays = negativeShareHalfLifeDays
        self.minimumNegative = minimumNegative
        self.influencerReach = influencerReach
    }

    /// snake_case like every other key in feeds/monitor.json ("crisis": {"minimum_volume": 15}).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case bucketMinutes = "bucket_minutes"
        case windowBuckets = "window_buckets"
        case baselineHalfLifeHours = "baseline_half_life_hours"
        case seasonalHalfLifeDays = "seasonal_half_life_days"
        case peakMemoryHalfLifeDays = "peak_memory_half_life_days"
        case usualHighQuantile = "usual_high_quantile"
        case usualHighMargin = "usual_high_margin"
        case watchScore = "watch_score"
        case warningScore = "warning_score"
        case crisisScore = "crisis_score"
        case endScore = "end_score"
        case calmBucketsToEnd = "calm_buckets_to_end"
        case cooldownHours = "cooldown_hours"
        case minimumVolume = "minimum_volume"
        case watchOdds = "watch_odds"
        case warningOdds = "warning_odds"
        case crisisOdds = "crisis_odds"
        case shiftConfirmHours = "shift_confirm_hours"
        case quietMentions = "quiet_mentions"
        case burstScanMentions = "burst_scan_mentions"
        case clustering
        case busyWarningScore = "busy_warning_score"
        case busyUsualHighMargin = "busy_usual_high_margin"
        case busyWarningOdds = "busy_warning_odds"
        case tricklePerDay = "trickle_per_day"
        case busyPerDay = "busy_per_day"
        case warmupHours = "warmup_hours"
        case negativeShareScore = "negative_share_score"
        case negativeShareHalfLifeDays = "negative_share_half_life_days"
        case minimumNegative = "minimum_negative"
        case influencerReach = "influencer_reach"
    }

    /// The configuration keys, so a reader can refuse unknown ones (JSONDecoder ignores them).
    package static let keys = CodingKeys.allCases.map(\.rawValue)

    package static let `default` = CrisisSettings()

    /// Decodes the keys present, then checks every bound (`validate()`): a bad value throws `OutOfRange`,
    /// naming the key and its range. Whole-number keys are read as numbers first, so `1e300` is out of range
    /// rather than a type error.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CrisisSettings.default
        func value(_ key: CodingKeys, _ fallback: Double) throws -> Double {
            try c.decodeIfPresent(Double.self, forKey: key) ?? fallback
        }
        func whole(_ number: Double, _ key: CodingKeys) throws -> Int {
            guard number.isFinite, number == number.rounded(), abs(number) <= 1e12 else {
                throw OutOfRange(key: key.rawValue, found: "\(number)", range: "a whole number")
            }
            return Int(number)
        }
        func whole(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            guard let number = try c.decodeIfPresent(Double.self, forKey: key) else { return fallback }
            return try whole(number, key)
        }
        let windows = try c.decodeIfPresent([Double].self, forKey: .windowBuckets)?.map {
            try whole($0, .windowBuckets)
        }
        self.init(
            bucketMinutes: try whole(.bucketMinutes, d.bucketMinutes),
            windowBuckets: windows ?? d.windowBuckets,
            baselineHalfLifeHours: try value(.baselineHalfLifeHours, d.baselineHalfLifeHours),
            seasonalHalfLifeDays: try value(.seasonalHalfLifeDays, d.seasonalHalfLifeDays),
            peakMemoryHalfLifeDays: try value(.peakMemoryHalfLifeDays, d.peakMemoryHalfLifeDays),
            usualHighQuantile: try value(.usualHighQuantile, d.usualHighQuantile),
            usualHighMargin: try value(.usualHighMargin, d.usualHighMargin),
            watchScore: try value(.watchScore, d.watchScore),
            warningScore: try value(.warningScore, d.warningScore),
            crisisScore: try value(.crisisScore, d.crisisScore),
            endScore: try value(.endScore, d.endScore),
            calmBucketsToEnd: try whole(.calmBucketsToEnd, d.calmBucketsToEnd),
            cooldownHours: try value(.cooldownHours, d.cooldownHours),
            minimumVolume: try whole(.minimumVolume, d.minimumVolume),
            watchOdds: try value(.watchOdds, d.watchOdds),
            warningOdds: try value(.warningOdds, d.warningOdds),
            crisisOdds: try value(.crisisOdds, d.crisisOdds),
            shiftConfirmHours: try value(.shiftConfirmHours, d.shiftConfirmHours),
            quietMentions: try value(.quietMentions, d.quietMentions),
            burstScanMentions: try value(.burstScanMentions, d.burstScanMentions),
            clustering: try value(.clustering, d.clustering),
            busyWarningScore: try value(.busyWarningScore, d.busyWarningScore),
            busyUsualHighMargin: try value(.busyUsualHighMargin, d.busyUsualHighMargin),
            busyWarningOdds: try value(.busyWarningOdds, d.busyWarningOdds),
            tricklePerDay: try value(.tricklePerDay, d.tricklePerDay),
            busyPerDay: try value(.busyPerDay, d.busyPerDay),
            warmupHours: try value(.warmupHours, d.warmupHours),
            negativeShareScore: try value(.negativeShareScore, d.negativeShareScore),
            negativeShareHalfLifeDays: try value(.negativeShareHalfLifeDays, d.negativeShareHalfLifeDays),
            minimumNegative: try whole(.minimumNegative, d.minimumNegative),
            influencerReach: try whole(.influencerReach, d.influencerReach)
        )
        try validate()
    }
}

extension CrisisSettings {
    /// Buckets per hour, at least one (a bucket longer than an hour still counts as one).
    var bucketsPerHour: Double { 60.0 / Double(max(bucketMinutes, 1)) }
    /// Closed buckets a scope needs before it judges volume: more than `warmupHours` of them.
    var warmupBuckets: Int { Int((warmupHours * bucketsPerHour).rounded(.down)) + 1 }

    /// Per-bucket decay factor of an exponential average with the given half-life in buckets.
    static func decay(halfLifeBuckets: Double) -> Double {
        halfLifeBuckets <= 0 ? 0 : pow(0.5, 1.0 / halfLifeBuckets)
    }

    /// How far a scope of `perDay` mentions a day is from a trickle (0) to busy (1), on log(mentions a day).
    func busyness(perDay: Double) -> Double {
        let low = max(tricklePerDay, 1e-6), high = max(busyPerDay, low)
        guard high > low else { return perDay >= high ? 1 : 0 }
        return min(max(log(max(perDay, 1e-6) / low) / log(high / low), 0), 1)
    }

    /// Whether the warning bars move with a scope's volume at all (the busy values differ from the trickle ones).
    var scalesWithVolume: Bool {
        busyWarningScore != warningScore || busyUsualHighMargin != usualHighMargin || busyWarningOdds != warningOdds
    }

    /// The settings a scope of `perDay` mentions a day is judged by: the warning bars moved towards the busy ones.
    func atVolume(perDay: Double) -> CrisisSettings {
        guard scalesWithVolume else { return self }
        let busy = busyness(perDay: perDay)
        guard busy > 0 else { return self }
        var scaled = self
        scaled.warningScore += (busyWarningScore - warningScore) * busy
        scaled.usualHighMargin += (busyUsualHighMargin - usualHighMargin) * busy
        scaled.warningOdds = pow(10, log10(warningOdds) + (log10(busyWarningOdds) - log10(warningOdds)) * busy)
        return scaled
    }

    /// The sanitized window list: positive, sorted, at least one.
    package var windows: [Int] {
        let valid = windowBuckets.filter { $0 > 0 }.sorted()
        return valid.isEmpty ? [1] : valid
    }
}
