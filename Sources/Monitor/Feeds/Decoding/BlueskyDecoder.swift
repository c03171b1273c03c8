import Foundation
import ReputationCore

/// Bluesky `app.bsky.feed.searchPosts`/`getPosts` (`posts[]`) and the `feed[].post` envelope of timelines.
enum BlueskyDecoder {
    static func posts(in root: JSONValue) -> [JSONValue] {
        if let posts = root["posts"]?.array { return posts.filter(\.isObject) }
        return (root["feed"]?.array ?? []).compactMap { $0["post"] }.filter(\.isObject)
    }

    static func decode(_ root: JSONValue, notes: inout TextNotes) -> (items: [FeedItem], cursor: [String: String]) {
        let items = posts(in: root).map { item(from: $0, notes: &notes) }
        // searchPosts pages backwards with `cursor`; new posts are asked for with `since` (newest time seen).
        let newest = posts(in: root).compactMap { $0["indexedAt"]?.string ?? $0["record"]?["createdAt"]?.string }
            .max { (FeedDate.parse($0) ?? .distantPast) < (FeedDate.parse($1) ?? .distantPast) }
        return (items, newest.map { ["since": $0] } ?? [:])
    }

    static func item(from post: JSONValue, notes: inout TextNotes) -> FeedItem {
        let author = post["author"]
        let handle = author?["handle"]?.string
        let name = author?["displayName"]?.string.map { notes.take(PlainText.fromPlain($0)) }
        let uri = post["uri"]?.string
        var url: String?
        // Only a handle that is a domain name goes into the link: "victim.bsky.social/post/3k#" would make it
        // someone else's post URL.
        if let handle, let uri, let rkey = uri.split(separator: "/").last, uri.contains("app.bsky.feed.post"),
            handle.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        {
            url = "https://bsky.app/profile/\(handle)/post/\(rkey)"
        }
        let record = post["record"]
        let date = (record?["createdAt"]?.string ?? post["indexedAt"]?.string).flatMap(FeedDate.parse)
        return FeedItem(
            id: uri, text: record?["text"]?.string.map { notes.take(PlainText.fromPlain($0)) } ?? "", url: url,
            author: Author(
                name: JSONFeedDecoder.nonEmpty(name), handle: handle,
                reach: author?["followersCount"]?.integer),
            publishedAt: date, reference: reference(post))
    }

    /// A reply names its parent by URI and CID and its thread's root; a post that starts a thread is its own root.
    private static func reference(_ post: JSONValue) -> PostReference {
        let uri = post["uri"]?.string, cid = post["cid"]?.string
        let root = post["record"]?["reply"]?["root"]
        return PostReference(
            id: uri, uri: uri, cid: cid, rootURI: root?["uri"]?.string ?? uri, rootCID: root?["cid"]?.string ?? cid)
    }
}
