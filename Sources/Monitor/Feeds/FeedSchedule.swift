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

    /// Forgets times a run dated ahead left behind (a `--now` what-if on the live folder, a clock that stepped back
    /// since): a next-due time is brought back to what the feed's own state says it was waiting for
    /// (`bringBack`), and a poll or a new item "after now" is taken as now, so silence is measured from here instead
    /// of never. True when the next-due time changed (what the run's warning counts).
    @discardableResult
    package static func forgetFuture(_ state: inout FeedState, interval: TimeInterval, cap: TimeInterval, now: Date) -> Bool {
        let due = state.nextDueAt
        bringBack(&state, interval: interval, cap: cap, now: now)
        if let polled = state.lastPolledAt, polled > now { state.lastPolledAt = now }
        if let item = state.lastNewItemAt, item > now {
            // The gap to that future item was folded into the mean (months, which would mute silence for years):
            // restart the mean from the feed's own rhythm, one interval, and let new items teach it again.
            state.lastNewItemAt = now
            state.meanGapBetweenNewItems = state.meanGapBetweenNewItems.map { _ in interval }
        }
        return state.nextDueAt != due
    }

    /// Times stored in whole seconds, and a clock NTP slews by less, move a schedule by less than this: not a jump.
    static let jumpSlack: TimeInterval = 60

    /// A schedule is set at a poll (`lastPolledAt`) and waits from it, so set by a poll at or before now it lies at
    /// most `possibleWait` ahead of now. One further ahead was set by a clock ahead of this run's (one stepped back
    /// since, or a what-if): it is brought back to the wait it holds, at most the possible one, measured from now.
    /// Measuring from now rather than dropping it keeps a server's wait honoured in full: however long ago that
    /// poll really was, it cannot be in the future. Beyond the longest wait any schedule sets (a clock years ahead,
    /// a what-if far ahead) nothing about the schedule is believable: the feed is simply due.
    private static func bringBack(_ state: inout FeedState, interval: TimeInterval, cap: TimeInterval, now: Date) {
        guard let due = state.nextDueAt else { return }
        guard due.timeIntervalSince(now) <= longestWait(interval: interval, cap: cap) + jumpSlack else {
            state.nextDueAt = nil
            return
        }
        let polled = state.lastPolledAt ?? now
        let anchor = min(polled, now)
        let possible = possibleWait(state, polledAt: polled, interval: interval, cap: cap)
        let wait = min(due.timeIntervalSince(polled), possible)
        let latest = anchor.addingTimeInterval(max(wait, 0))
        if due.timeIntervalSince(latest) > jumpSlack { state.nextDueAt = latest }
        // A rate-limit wait stamped by the same clock moves with it (shown by `vigia check`).
        let shift = polled.timeIntervalSince(anchor)
        if shift > jumpSlack, let until = state.waitingUntil { state.waitingUntil = until.addingTimeInterval(-shift) }
    }

    /// The longest wait the feed's last poll can have set, by what its state says it was waiting for: after a success,
    /// its interval, or longer only for a rate-limit budget's reset it recorded (`waitingUntil`); after a failure, its
    /// back-off or a server's Retry-After, which the state does not keep apart, so the longest either sets. An interval
    /// shortened in feeds/ since applies at once.
    static func possibleWait(
        _ state: FeedState, polledAt polled: Date, interval: TimeInterval, cap: TimeInterval
    ) -> TimeInterval {
        let budget = state.waitingUntil.map { $0.timeIntervalSince(polled) } ?? 0
        let scheduled = state.consecutiveFailures == 0 ? interval : longestWait(interval: interval, cap: cap)
        return max(scheduled, budget)
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
