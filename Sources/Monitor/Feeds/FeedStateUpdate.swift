import Foundation

/// How one poll's outcome changes what Vigía remembers about the feed.
enum FeedStateUpdate {
    static func apply(_ outcome: FeedOutcome, newItems: Int, to state: inout FeedState, settings: MonitorSettings.Polling, now: Date) {
        state.lastPolledAt = now
        let interval = outcome.feed.interval
        let response = outcome.response
        switch outcome.status {
        case .ok, .notModified:
            state.consecutiveFailures = 0
            state.lastError = nil
            state.healthAlertRaised = false
            state.needsOperator = nil
            if let etag = response?.headers["etag"] { state.etag = etag }
            if let modified = response?.headers["last-modified"] { state.lastModified = modified }
            if outcome.status == .ok, outcome.feed.source != nil {
                state.cursor = outcome.cursor  // a source hands back its whole cursor (a finished walk drops keys)
            } else if outcome.status == .ok, !outcome.cursor.isEmpty {
                state.cursor.merge(outcome.cursor) { _, new in new }
            }
            state.nextDueAt = max(now.addingTimeInterval(interval), outcome.waitUntil ?? .distantPast)
            if newItems > 0 { noteNewItems(&state, now: now) }
        case .failed, .skipped:
            state.consecutiveFailures += 1
            state.lastError = outcome.error
            state.needsOperator = outcome.needsOperator ? true : nil
            let status = response?.status ?? 0
            let serverWait = (status == 429 || status == 503) ? FeedSchedule.retryAfter(response?.headers["retry-after"], now: now) : nil
            let backoff = FeedSchedule.backoff(
                interval: interval, failures: state.consecutiveFailures, cap: settings.maxBackoff,
                jitterSeed: "\(outcome.feed.id)#\(state.consecutiveFailures)")
            state.nextDueAt = max(now.addingTimeInterval(max(serverWait ?? 0, backoff)), outcome.waitUntil ?? .distantPast)
        }
        state.waitingUntil = outcome.waitUntil
    }

    private static func noteNewItems(_ state: inout FeedState, now: Date) {
        if let last = state.lastNewItemAt {
            let gap = now.timeIntervalSince(last)
            state.meanGapBetweenNewItems = state.meanGapBetweenNewItems.map { 0.8 * $0 + 0.2 * gap } ?? gap
        }
        state.lastNewItemAt = now
    }

    /// Why this feed needs the operator's attention, if it does: failing repeatedly, or silent far longer than usual.
    static func healthProblem(_ feed: FeedConfig, _ state: FeedState, settings: MonitorSettings.Polling, now: Date) -> String? {
        if state.needsOperator == true, let error = state.lastError {
            return "feed '\(feed.id)' cannot sign in or read: \(error)"
        }
        if state.consecutiveFailures >= settings.failuresBeforeAlert {
            return "feed '\(feed.id)' failed \(state.consecutiveFailures) polls in a row; last error: \(state.lastError ?? "unknown")"
        }
        if let last = state.lastNewItemAt, let gap = state.meanGapBetweenNewItems, gap > 0 {
            let silence = now.timeIntervalSince(last)
            let limit = max(gap * settings.silenceFactor, 3 * feed.interval)
            if silence > limit {
                return "feed '\(feed.id)' has brought nothing new for \(DurationText.describe(silence)); "
                    + "it usually does every \(DurationText.describe(gap))"
            }
        }
        return nil
    }
}
