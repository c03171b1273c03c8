import ReputationCore

/// What a decoder made of one document.
public struct DecodedFeed: Sendable {
    /// The detected concrete format (never `.auto`).
    public var format: FeedFormat
    public var items: [FeedItem]
    /// Incremental position to remember (e.g. `["since_id": "123"]`); empty if none. See `IncrementalQuery`.
    public var cursor: [String: String]
    /// Non-fatal findings: "document truncated after item 12", "2 fields repaired: invalid UTF-8", ...
    public var problems: [String]

    public init(format: FeedFormat, items: [FeedItem], cursor: [String: String] = [:], problems: [String] = []) {
        self.format = format
        self.items = items
        self.cursor = cursor
        self.problems = problems
    }
}
