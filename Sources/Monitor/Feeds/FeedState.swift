import Foundation

/// What Vigía remembers about one feed between runs: validators for conditional GET, the incremental cursor,
/// failures and back-off, and when new items last arrived (to notice a feed gone silent).
package struct FeedState: Sendable, Codable, Hashable {
    package var etag: String?
    package var lastModified: String?
    package var cursor: [String: String] = [:]
    package var lastPolledAt: Date?
    /// Not before this time (interval, back-off, or a server's Retry-After).
    package var nextDueAt: Date?
    package var consecutiveFailures = 0
    package var lastError: String?
    package var lastNewItemAt: Date?
    /// Exponentially weighted mean gap between polls that brought new items, in seconds.
    package var meanGapBetweenNewItems: Double?
    /// A source-health task is open for this feed (so it is raised once per episode).
    package var healthAlertRaised = false
    /// When the feed last served anything (the seen store remembers what it served from that day): ids last served
    /// a margin before this, for every feed, are out of every window and may be forgotten. Nil: it served nothing.
    package var oldestServedAt: Date?
    /// A source whose rate-limit budget is spent is not polled before this (shown by `vigia check`).
    package var waitingUntil: Date?
    /// The last failure needs a person (a rejected credential, a missing permission), not another try.
    package var needsOperator: Bool?

    package init() {}

    enum CodingKeys: String, CodingKey {
        case etag, cursor
        case lastModified = "last_modified"
        case lastPolledAt = "last_polled_at"
        case nextDueAt = "next_due_at"
        case consecutiveFailures = "consecutive_failures"
        case lastError = "last_error"
        case lastNewItemAt = "last_new_item_at"
        case meanGapBetweenNewItems = "mean_gap_between_new_items"
        case healthAlertRaised = "health_alert_raised"
        case oldestServedAt = "oldest_served_at"
        case waitingUntil = "waiting_until"
        case needsOperator = "needs_operator"
    }

    package func isDue(now: Date) -> Bool { nextDueAt.map { now >= $0 } ?? true }
}
