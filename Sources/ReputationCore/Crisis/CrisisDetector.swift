import Foundation

/// Streaming crisis detection over mention counts per time bucket and scope (brand, channel, category).
///
/// `record` counts a mention in its bucket by publication time; `advance(to:)` closes the buckets that ended,
/// scores each scope and returns the episode events. Per bucket and scope the work and the memory are constant
/// (a ring as long as the longest window, one baseline per window). The value is `Codable`: its encoded form is
/// the state persisted between runs, and a decoded detector continues exactly where the original stopped.
///
/// Late mentions: a mention whose bucket is still open counts there. One whose bucket has already closed but
/// lies within the longest window (2 h by default) is added to that closed bucket, so every window still open
/// over it counts it (its own bucket was already scored). Older ones are dropped from detection, with a reason:
/// their windows are all scored, and dumping them into the current bucket would fake a surge (a feed backfill
/// on first poll would look like a crisis). They are counted in `droppedMentions`.
package struct CrisisDetector: Sendable, Codable {
    package private(set) var settings: CrisisSettings
    /// Index (since 1970, in buckets) of the oldest bucket not yet closed; `nil` before any input.
    package private(set) var firstOpenBucket: Int?
    /// Mentions left out of detection because they arrived after their windows were scored.
    package private(set) var droppedMentions = 0
    private var series: [Crisis.Scope: Crisis.Series] = [:]
    private var open: [Int: [Crisis.Scope: Crisis.BucketCount]] = [:]

    package init(settings: CrisisSettings) {
        self.settings = settings
    }

    /// Count one mention in its bucket (by publication time) for each of its scopes. See the type's note on
    /// late mentions.
    @discardableResult
    package mutating func record(at postedAt: Date, scopes: [Crisis.Scope], negative: Bool, authorReach: Int?)
        -> Crisis.Placement
    {
        guard let bucket = bucketIndex(of: postedAt) else {
            droppedMentions += 1
            return .dropped(reason: "posted at \(postedAt.timeIntervalSince1970) s since 1970, outside 1970…2200")
        }
        guard let firstOpen = firstOpenBucket, bucket < firstOpen else {
            for scope in Set(scopes) {
                open[bucket, default: [:]][scope, default: .init()].add(negative: negative, reach: authorReach)
            }
            return .counted(bucketStart: start(of: bucket))
        }
        let age = firstOpen - bucket
        guard age <= settings.windows.last ?? 1 else {
            droppedMentions += 1
            return .dropped(reason: "posted \(age * settings.bucketMinutes) min before the oldest open bucket; "
                + "its windows are already scored")
        }
        for scope in Set(scopes) {
            var state = series[scope] ?? Crisis.Series(scope: scope, settings: settings)
            if !state.addLate(age: age, negative: negative) {
                // The scope is younger than the bucket: count it in the oldest open bucket instead.
                open[firstOpen, default: [:]][scope, default: .init()].add(negative: negative, reach: nil)
            }
            series[scope] = state
            if negative, let reach = authorReach {
                // An influencer's post still deserves its warning: carry its reach to the oldest open bucket.
                open[firstOpen, default: [:]][scope, default: .init()].negativeReach = max(
                    open[firstOpen]?[scope]?.negativeReach ?? 0, reach)
            }
        }
        return .countedLate(bucketStart: start(of: bucket))
    }

    /// Close every bucket that ended at or before `now`, update baselines, and return the events raised.
    /// A `now` outside 1970…2200 closes nothing. After a long gap (the clock jumped, the monitor was off for
    /// months) only the last week is closed bucket by bucket, as on a first run: what is older is dropped.
    package mutating func advance(to now: Date) -> [Crisis.Event] {
        guard let end = bucketIndex(of: now) else { return [] }
        var bucket = firstBucket(before: end)
        let rates = Crisis.Rates(settings)
        var events: [Crisis.Event] = []
        while bucket < end {
            events += close(bucket, rates: rates)
            bucket += 1
        }
        firstOpenBucket = bucket
        return events
    }

    /// Offline replay over a regular series of bucket counts (one scope): alert flags per row, true where an
    /// incident opens (an episode's first warning or crisis; `Crisis.IncidentOpening`).
    package static func replay(_ series: [(time: Date, count: Int)], settings: CrisisSettings) -> [Bool] {
        var flags = [Bool](repeating: false, count: series.count)
        var opening = Crisis.IncidentOpening()
        for (row, event) in replayEvents(series, settings: settings) where opening.opens(event) { flags[row] = true }
        return flags
    }

    /// The most mentions a bucket can hold; a replay's counts must lie in 0…this (a file with more is corrupt).
    package static let mostMentionsPerBucket = Crisis.BucketCount.mostMentions

    /// The same replay, keeping every event (watch, started, escalated, ended) with the row that raised it.
    package static func replayEvents(_ series: [(time: Date, count: Int)], settings: CrisisSettings)
        -> [(row: Int, event: Crisis.Event)]
    {
        var state = Crisis.Series(scope: .brand(), settings: settings)
        let rates = Crisis.Rates(settings)
        var events: [(row: Int, event: Crisis.Event)] = []
        for (row, item) in series.enumerated() {
            let bucket = Crisis.BucketCount(total: item.count, negative: 0, negativeReach: 0)
            let hour = hourOfDay(secondsSince1970: item.time.timeIntervalSince1970)
            if let event = state.close(bucket, start: item.time, hour: hour, settings: settings, rates: rates) {
                events.append((row, event))
            }
        }
        return events
    }

    /// Adopts new settings (say monitor.json changed). Learned baselines are kept when the bucket length and
    /// windows are unchanged; otherwise they cannot carry over and every scope starts learning afresh.
    /// Returns whether the learned state was kept.
    @discardableResult
    package mutating func update(settings newSettings: CrisisSettings) -> Bool {
        defer { settings = newSettings }
        guard newSettings.bucketMinutes != settings.bucketMinutes || newSettings.windows != settings.windows else {
            return true
        }
        series = [:]
        open = [:]
        firstOpenBucket = nil
        return false
    }

    /// The scopes the detector tracks, in no particular order.
    package var scopes: [Crisis.Scope] { Array(series.keys) }

    /// When a scope begins judging volume and negative share: once `warmup_hours` of its buckets are closed (an
    /// influencer's negative post is judged at once). `nil` for a scope judged already, or not tracked yet.
    package func learnsVolumeUntil(_ scope: Crisis.Scope) -> Date? {
        guard let closed = series[scope]?.closed, let firstOpenBucket else { return nil }
        guard closed < settings.warmupBuckets else { return nil }
        let judged = firstOpenBucket + settings.warmupBuckets - closed
        return Date(timeIntervalSince1970: Double(judged) * Double(settings.bucketMinutes * 60))
    }

    /// The current level of a scope's episode, `nil` when calm.
    package func level(of scope: Crisis.Scope) -> Crisis.Level? { series[scope]?.episode.level }

    private mutating func close(_ bucket: Int, rates: Crisis.Rates) -> [Crisis.Event] {
        let counts = open.removeValue(forKey: bucket) ?? [:]
        for scope in counts.keys where series[scope] == nil {
            series[scope] = Crisis.Series(scope: scope, settings: settings)
        }
        let bucketStart = start(of: bucket)
        let hour = Self.hourOfDay(secondsSince1970: bucketStart.timeIntervalSince1970)
        var events: [Crisis.Event] = []
        for scope in series.keys.sorted(by: Self.precedes) {
            let count = counts[scope] ?? .init()
            if let event = series[scope]?.close(count, start: bucketStart, hour: hour, settings: settings,
                                                rates: rates) {
                events.append(event)
            }
        }
        return events
    }

    /// Where an advance starts: the oldest open bucket, but no more than a week back (a first poll may carry
    /// years of history, a clock may jump; what is older is counted as dropped).
    private mutating func firstBucket(before end: Int) -> Int {
        let earliest = end - Int((7 * 24 * settings.bucketsPerHour).rounded())
        let first = max(firstOpenBucket ?? open.keys.min() ?? end, earliest)
        for key in open.keys where key < first {
            droppedMentions += open.removeValue(forKey: key)?.values.map(\.total).max() ?? 0
        }
        // A clock that went back closes nothing and never reopens a closed bucket.
        return firstOpenBucket == nil ? min(first, end) : first
    }

    private var bucketSeconds: Double { Double(max(settings.bucketMinutes, 1) * 60) }

    /// Seconds since 1970 of 2200-01-01: later (or earlier than 1970) is not a time a mention was posted.
    static let latestSeconds = 7_258_118_400.0

    /// The bucket of `date`; `nil` outside 1970…2200 (an absurd number must not trap the conversion).
    private func bucketIndex(of date: Date) -> Int? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds >= 0, seconds < Self.latestSeconds else { return nil }
        return Int((seconds / bucketSeconds).rounded(.down))
    }

    private func start(of bucket: Int) -> Date { Date(timeIntervalSince1970: Double(bucket) * bucketSeconds) }

    /// Hour of day in UTC: the daily profile is learned, so only consistency matters, not the zone.
    static func hourOfDay(secondsSince1970 seconds: Double) -> Int {
        let hours = Int((seconds / 3600).rounded(.down))
        return ((hours % 24) + 24) % 24
    }
}

extension CrisisDetector {
    private enum CodingKeys: String, CodingKey { case settings, firstOpenBucket, droppedMentions, series, open }

    /// A count waiting in a bucket that is still open.
    private struct Pending: Codable {
        var bucket: Int
        var scope: Crisis.Scope
        var count: Crisis.BucketCount
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(CrisisSettings.self, forKey: .settings)
        firstOpenBucket = try container.decodeIfPresent(Int.self, forKey: .firstOpenBucket)
        droppedMentions = try container.decodeIfPresent(Int.self, forKey: .droppedMentions) ?? 0
        let list = try container.decode([Crisis.Series].self, forKey: .series)
        series = Dictionary(list.map { ($0.scope, $0) }, uniquingKeysWith: { _, last in last })
        let buckets = 0...Int(Self.latestSeconds / bucketSeconds)
        for item in try container.decode([Pending].self, forKey: .open) {
            guard buckets.contains(item.bucket) else {
                throw Self.corrupt(.open, "an open bucket", item.bucket, buckets, container)
            }
            open[item.bucket, default: [:]][item.scope] = item.count
        }
        if let first = firstOpenBucket, !buckets.contains(first) {
            throw Self.corrupt(.firstOpenBucket, "the first open bucket", first, buckets, container)
        }
        // Far beyond any history (a billion mentions a bucket for a century), far from overflowing.
        let dropped = 0...Int(1e15)
        guard dropped.contains(droppedMentions) else {
            throw Self.corrupt(.droppedMentions, "the dropped mentions", droppedMentions, dropped, container)
        }
    }

    /// A damaged or hand-edited state is refused naming the field; trusted, an absurd index would trap later.
    private static func corrupt(_ key: CodingKeys, _ what: String, _ value: Int, _ range: ClosedRange<Int>,
                                _ container: KeyedDecodingContainer<CodingKeys>) -> DecodingError {
        let expected = "expected \(range.lowerBound) to \(range.upperBound)"
        return .dataCorruptedError(
            forKey: key, in: container, debugDescription: "crisis state: \(what) is \(value) (\(expected))")
    }

    /// Scopes and pending buckets in a stable order, so the same state always encodes to the same bytes.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings, forKey: .settings)
        try container.encodeIfPresent(firstOpenBucket, forKey: .firstOpenBucket)
        try container.encode(droppedMentions, forKey: .droppedMentions)
        try container.encode(series.values.sorted { Self.precedes($0.scope, $1.scope) }, forKey: .series)
        let pending = open.flatMap { bucket, counts in
            counts.map { Pending(bucket: bucket, scope: $0.key, count: $0.value) }
        }
        let ordered = pending.sorted {
            $0.bucket != $1.bucket ? $0.bucket < $1.bucket : Self.precedes($0.scope, $1.scope)
        }
        try container.encode(ordered, forKey: .open)
    }

    static func precedes(_ lhs: Crisis.Scope, _ rhs: Crisis.Scope) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }
}
