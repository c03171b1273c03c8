import ReputationCore

/// Mastodon statuses: a timeline array, v2 search `{statuses: [...]}` or one Status. A reblog stands for the
/// original post (its id, text and author), so the same post boosted twice is one mention.
enum MastodonDecoder {
    static func statuses(in root: JSONValue) -> [JSONValue] {
        if let array = root.array { return array.filter(\.isObject) }
        if let statuses = root["statuses"]?.array { return statuses.filter(\.isObject) }
        return root["content"] != nil && root["id"] != nil ? [root] : []  // one Status entity
    }

    static func decode(_ root: JSONValue, notes: inout TextNotes) -> (items: [FeedItem], cursor: [String: String]) {
        let statuses = statuses(in: root)
        let items = statuses.map { status -> FeedItem in
            var post = status
            if let reblog = status["reblog"], reblog.isObject { post = reblog }
            return item(from: post, notes: &notes)
        }
        // The newest id of the response (not of the reblogged originals): where the next poll starts.
        let newest = statuses.compactMap { $0["id"]?.text }.max { ($0.count, $0) < ($1.count, $1) }
        return (items, newest.map { ["since_id": $0] } ?? [:])
    }

    private static func item(from status: JSONValue, notes: inout TextNotes) -> FeedItem {
        let account = status["account"]
        let name = account?["display_name"]?.string.map { notes.take(PlainText.fromPlain($0)) }
        let author = Author(
            name: JSONFeedDecoder.nonEmpty(name), handle: account?["acct"]?.string,
            reach: account?["followers_count"]?.integer)
        let spoiler = status["spoiler_text"]?.string.map { notes.take(PlainText.fromHTML($0)) }
        let text = status["content"]?.string.map { notes.take(PlainText.fromHTML($0)) } ?? ""
        return FeedItem(
            id: status["id"]?.text, title: JSONFeedDecoder.nonEmpty(spoiler), text: text,
            url: status["url"]?.string ?? status["uri"]?.string, author: author,
            publishedAt: status["created_at"]?.string.flatMap(FeedDate.parse),
            reference: PostReference(id: status["id"]?.text, uri: status["uri"]?.string))
    }
}
