import ReputationCore

/// Reddit Listings: `data.children[]` of t3 (links/self posts) and t1 (comments). Reddit HTML-escapes `&<>` in
/// its JSON text, hence the HTML layer even for Markdown fields.
enum RedditDecoder {
    static func children(in root: JSONValue) -> [JSONValue] {
        (root["data"]?["children"]?.array ?? []).filter(\.isObject)
    }

    static func decode(_ root: JSONValue, notes: inout TextNotes) -> (items: [FeedItem], cursor: [String: String]) {
        let children = children(in: root)
        let items = children.map { item(from: $0, notes: &notes) }
        // Listings come newest first: `before=<first fullname>` asks for what is newer.
        let first = children.first?["data"]?["name"]?.string
        return (items, first.map { ["before": $0] } ?? [:])
    }

    static func item(from child: JSONValue, notes: inout TextNotes) -> FeedItem {
        let data = child["data"] ?? .null
        let isComment = child["kind"]?.string == "t1"
        let title = (isComment ? data["link_title"] : data["title"])?.string.map { notes.take(PlainText.fromHTML($0)) }
        let body = (isComment ? data["body"] : data["selftext"])?.string.map { notes.take(PlainText.fromHTML($0)) }
        let permalink = data["permalink"]?.string.map { $0.hasPrefix("/") ? "https://www.reddit.com" + $0 : $0 }
        let author = data["author"]?.string
        return FeedItem(
            id: data["name"]?.string ?? data["id"]?.text, title: JSONFeedDecoder.nonEmpty(title),
            text: JSONFeedDecoder.nonEmpty(body) ?? (isComment ? "" : title ?? ""),
            url: permalink ?? data["url"]?.string, author: Author(handle: author),
            publishedAt: data["created_utc"]?.number.flatMap(FeedDate.fromEpoch),
            reference: data["name"]?.string.map { PostReference(id: $0) })
    }
}
