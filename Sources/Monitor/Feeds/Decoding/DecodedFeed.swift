import Foundation
import ReputationCore

/// What a decoder made of one document.
package struct DecodedFeed: Sendable {
    /// The detected concrete format (never `.auto`).
    package var format: FeedFormat
    package var items: [FeedItem]
    /// Incremental position to remember (e.g. `["since_id": "123"]`); empty if none. See `IncrementalQuery`.
    package var cursor: [String: String]
    /// Non-fatal findings: "document truncated after item 12", "2 fields repaired: invalid UTF-8", ...
    package var problems: [String]

    package init(format: FeedFormat, items: [FeedItem], cursor: [String: String] = [:], problems: [String] = []) {
        self.format = format
        self.items = items
        self.cursor = cursor
        self.problems = problems
    }
}

extension DecodedFeed {
    /// Handles, names, ids and URLs are cleaned like text (`SafeText`): they reach terminals, mails and views, and a
    /// URL or handle holding an escape sequence or a line break is an attack, not data.
    mutating func cleanFields() {
        for index in items.indices {
            var item = items[index]
            item.id = item.id.map(SafeText.line)
            item.url = item.url.map(SafeText.url).flatMap { $0.isEmpty ? nil : $0 }
            item.author.handle = item.author.handle.map(SafeText.line)
            item.author.name = item.author.name.map(SafeText.line)
            item.title = item.title.map(SafeText.line)
            items[index] = item
        }
        cursor = cursor.mapValues(SafeText.line)
    }

    /// Drops publication dates outside `ISOTime.plausible` (a numeric `created_utc` of 1e300, a negative epoch,
    /// the year 9999) and says so once, naming the items: the item is kept — dated by when it was fetched — so a
    /// complaint with a broken date is still a complaint, and no later stage meets a date it cannot hold.
    mutating func dropImplausibleDates() {
        var dropped: [String] = []
        for index in items.indices {
            guard let date = items[index].publishedAt, !ISOTime.plausible.contains(date) else { continue }
            items[index].publishedAt = nil
            dropped.append(items[index].id.map { String($0.prefix(40)) } ?? "#\(index + 1)")
        }
        guard !dropped.isEmpty else { return }
        let shown = dropped.prefix(5).joined(separator: ", ") + (dropped.count > 5 ? ", …" : "")
        problems.append(
            "\(dropped.count) item(s) dated outside 1970…2200 (\(shown)): date ignored, dated by when fetched")
    }
}
