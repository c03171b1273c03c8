import ReputationCore

/// One review entry of the customer-reviews feed: `{"label": …}` wrappers around every field.
enum AppStoreReview {
    static func item(from entry: JSONValue, notes: inout TextNotes) -> FeedItem {
        func label(_ value: JSONValue?) -> String? { value?["label"]?.string }
        let id = label(entry["id"])
        let rating = label(entry["im:rating"]).flatMap(Int.init).flatMap { (1...5).contains($0) ? $0 : nil }
        let name = label(entry["author"]?["name"]).map { notes.take(PlainText.fromPlain($0)) }
        let title = label(entry["title"]).map { notes.take(PlainText.fromPlain($0)) }
        return FeedItem(
            id: id, title: JSONFeedDecoder.nonEmpty(title),
            text: label(entry["content"]).map { notes.take(PlainText.fromPlain($0)) } ?? "",
            // No review has an address of its own (replies go through App Store Connect, by review id): the
            // mention's identity is the review id within the feed.
            author: Author(name: JSONFeedDecoder.nonEmpty(name), handle: JSONFeedDecoder.nonEmpty(name)),
            publishedAt: label(entry["updated"]).flatMap(FeedDate.parse),
            reference: PostReference(id: id, rating: rating))
    }
}
