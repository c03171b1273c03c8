import Foundation

/// What Vigía remembers about one feed between runs: validators for conditional GET, the incremental cursor,
/// failures and back-off, and when new items last arrived (to notice a feed gone silent).
public struct FeedState: Sendable, Codable, Hashable {
    public var etag: String?
    public var lastModified: String?
    public var cursor: [String: String] = [:]
    public var lastPolledAt: Date?
    /// Not before this time (interval, back-off, or a server's Retry-After).
    public var nextDueAt: Date?
    public var consecutiveFailures = 0
    public var lastError: String?
    public var lastNewItemAt: Date?
    /// Exponentially weighted mean gap between polls that brought new items, in seconds.
    public var meanGapBetweenNewItems: Double?
    /// A source-health task is open for this feed (so it is raised once per episode).
    public var healthAlertRaised = false
    /// The oldest day (as the seen store remembers its posts) among the items of the feed's last full response:
    /// ids older than this, for every feed, can no longer be served and may be forgotten. Nil: it served nothing.
    public var oldestServedAt: Date?
    /// A source whose rate-limit budget is spent is not polled before this (shown by `vigia check`).
    public var waitingUntil: Date?
    /// The last failure needs a person (a rejected credential, a missing permission), not another try.
    public var needsOperator: Bool?

    public init() {}

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

    public func isDue(now: Date) -> Bool { nextDueAt.map { now >= $0 } ?? true }
}
