import ReputationCore

/// Hacker News: Algolia search `hits[]`, and the Algolia item tree (`/items/<id>`), flattened depth first.
enum HNDecoder {
    static func isItemTree(_ root: JSONValue) -> Bool {
        root["children"]?.array != nil && root["created_at_i"] != nil
    }

    static func decode(_ root: JSONValue, notes: inout TextNotes) -> (items: [FeedItem], cursor: [String: String]) {
        var hits = root["hits"]?.array?.filter(\.isObject) ?? []
        if hits.isEmpty, isItemTree(root) { hits = flatten(root) }
        let items = hits.map { item(from: $0, notes: &notes) }
        let newest = hits.compactMap { $0["created_at_i"]?.integer }.max()
        return (items, newest.map { ["created_at_i": String($0)] } ?? [:])
    }

    /// Iterative, so a deep comment thread cannot exhaust the stack.
    private static func flatten(_ root: JSONValue) -> [JSONValue] {
        var result: [JSONValue] = []
        var pending = [root]
        while let node = pending.popLast() {
            result.append(node)
            pending.append(contentsOf: (node["children"]?.array ?? []).filter(\.isObject).reversed())
        }
        return result
    }

    private static func item(from hit: JSONValue, notes: inout TextNotes) -> FeedItem {
        let id = hit["objectID"]?.text ?? hit["id"]?.text
        let title = (hit["title"]?.string ?? hit["story_title"]?.string).map { notes.take(PlainText.fromHTML($0)) }
        let html = hit["story_text"]?.string ?? hit["comment_text"]?.string ?? hit["text"]?.string
        let text = html.map { notes.take(PlainText.fromHTML($0)) }
        let link = hit["url"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        return FeedItem(
            id: id, title: JSONFeedDecoder.nonEmpty(title), text: JSONFeedDecoder.nonEmpty(text) ?? title ?? "",
            url: link ?? id.map { "https://news.ycombinator.com/item?id=\($0)" },
            author: Author(handle: hit["author"]?.string),
            publishedAt: hit["created_at_i"]?.number.flatMap(FeedDate.fromEpoch)
                ?? hit["created_at"]?.string.flatMap(FeedDate.parse))
    }
}
