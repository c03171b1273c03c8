import Foundation
import ReputationCore

/// Politeness: when a feed may be polled again after a success, a failure, or a server asking us to wait.
package enum FeedSchedule {
    /// Back-off after `failures` consecutive failures: interval × 2^(n-1), capped, with ±20% jitter so many feeds
    /// on one host don't retry in lockstep. `jitterSeed` makes it deterministic per feed and attempt (testable).
    package static func backoff(interval: TimeInterval, failures: Int, cap: TimeInterval, jitterSeed: String) -> TimeInterval {
        let exponent = Double(min(max(failures - 1, 0), 20))
        let base = min(cap, max(interval, 30) * pow(2, exponent))
        let unit = Double(StableHash.value(of: jitterSeed) % 10_000) / 10_000  // 0..<1
        return min(cap, base * (0.8 + 0.4 * unit))
    }

    /// The longest wait any schedule sets: the feed's interval, the back-off cap, or a server's Retry-After (a day).
    package static func longestWait(interval: TimeInterval, cap: TimeInterval) -> TimeInterval {
        max(interval, cap, 86_400)
    }

    /// Forgets times a run dated ahead left behind (a `--now` what-if on the live folder, a clock that jumped back
    /// since): a next-due time further ahead than any schedule sets is stale (the feed is due), and a poll or a new
    /// item "after now" is taken as now, so silence is measured from here instead of never. True when it changed.
    @discardableResult
    package static func forgetFuture(_ state: inout FeedState, interval: TimeInterval, cap: TimeInterval, now: Date) -> Bool {
        let before = state
        if let due = state.nextDueAt, due.timeIntervalSince(now) > longestWait(interval: interval, cap: cap) + 60 {
            state.nextDueAt = nil
        }
        if let polled = state.lastPolledAt, polled > now { state.lastPolledAt = now }
        if let item = state.lastNewItemAt, item > now {
            // The gap to that future item was folded into the mean (months, which would mute silence for years):
            // restart the mean from the feed's own rhythm, one interval, and let new items teach it again.
            state.lastNewItemAt = now
            state.meanGapBetweenNewItems = state.meanGapBetweenNewItems.map { _ in interval }
        }
        return state != before
    }

    /// Seconds from a Retry-After header: delta-seconds or an HTTP date. Bounded to a day.
    package static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds >= 0 { return min(seconds, 86_400) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return min(max(date.timeIntervalSince(now), 0), 86_400)
    }
}
