import ReputationCore

/// A `commentThread` resource: its top-level comment is the post (text, author, time); the thread id is what a
/// reply (`comments.insert` with `parentId`) names.
enum YouTubeComment {
    static func item(from thread: JSONValue, notes: inout TextNotes) -> FeedItem {
        let snippet = thread["snippet"]
        let comment = snippet?["topLevelComment"]
        let body = comment?["snippet"]
        let id = comment?["id"]?.string ?? thread["id"]?.string
        let video = snippet?["videoId"]?.string ?? body?["videoId"]?.string
        let text = (body?["textOriginal"]?.string ?? body?["textDisplay"]?.string).map { notes.take(PlainText.fromPlain($0)) } ?? ""
        let name = body?["authorDisplayName"]?.string.map { notes.take(PlainText.fromPlain($0)) }
        var url: String?
        if let video, let id { url = "https://www.youtube.com/watch?v=\(video)&lc=\(id)" }
        return FeedItem(
            id: id, text: text, url: url,
            author: Author(name: JSONFeedDecoder.nonEmpty(name), handle: body?["authorChannelUrl"]?.string ?? name),
            publishedAt: body?["publishedAt"]?.string.flatMap(FeedDate.parse),
            reference: PostReference(id: id, uri: thread["id"]?.string))
    }
}
