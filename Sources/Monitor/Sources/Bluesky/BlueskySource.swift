import CurlTransport
import Foundation
import ReputationCore

/// Bluesky (`"source": "bluesky"`): `app.bsky.feed.searchPosts` (sort=latest) and the account's
/// `app.bsky.notification.listNotifications` (mentions, replies, quotes), through a session signed in with an app
/// password. The session lives in alerts/state/ and is reused by every later run: `createSession` is limited to
/// 30 per 5 minutes and 300 a day, so it is called only when there is no session or refreshing it failed.
struct BlueskySource: SourceKind {
    static let name = "bluesky"
    static let keys = ["service", "identifier", "app_password", "search", "mentions"]
    static let pageSize = 100

    var service: URL
    var identifier: String
    var appPassword: String
    var search: String?
    var mentions: Bool

    var address: URL { service }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        service = try object.address("service", default: "https://bsky.social")
        identifier = try object.setting("identifier", environment: environment, required: true, expected: "a handle or DID")!
        appPassword = try object.secret("app_password", environment: environment, required: true)!
        search = try object.setting("search", environment: environment, required: false, expected: "search words")
        mentions = try object.bool("mentions") ?? false
        guard search != nil || mentions else {
            throw .missing(file: object.file, key: "search", expected: "search words, or \"mentions\": true")
        }
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        var session = BlueskySession.Keeper(service: service, identifier: identifier, password: poll.secret(appPassword))
        try session.open(&poll)
        if let search {
            let stream = BacklogWalk(key: "search", network: "Bluesky", scope: .general)
            try stream.run(&poll) { (poll, cursor) throws(SourceFailure) -> BacklogWalk.Page in
                var query = [
                    URLQueryItem(name: "q", value: search), URLQueryItem(name: "sort", value: "latest"),
                    URLQueryItem(name: "limit", value: String(Self.pageSize)),
                ]
                if let since = poll.cursor["search.since"] { query.append(URLQueryItem(name: "since", value: since)) }
                if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
                let root = try session.get("app.bsky.feed.searchPosts", query, &poll)
                let posts = (root["posts"]?.array ?? []).filter(\.isObject)
                return Self.page(posts, cursor: root["cursor"]?.string)
            }
            // The next walk asks from a little before the newest post taken: a post indexed late still falls in.
            if poll.cursor["search.walk"] == nil, let top = poll.cursor["search.mark"].flatMap(FeedDate.parse) {
                poll.cursor["search.since"] = ISOTime.format(top.addingTimeInterval(-300))
            }
        }
        if mentions, poll.waitUntil == nil {
            let stream = BacklogWalk(key: "notifications", network: "Bluesky", scope: .own)
            try stream.run(&poll) { (poll, cursor) throws(SourceFailure) -> BacklogWalk.Page in
                var query = [URLQueryItem(name: "limit", value: String(Self.pageSize))]
                query += ["mention", "reply", "quote"].map { URLQueryItem(name: "reasons", value: $0) }
                if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
                let root = try session.get("app.bsky.notification.listNotifications", query, &poll)
                let wanted: Set<String> = ["mention", "reply", "quote"]
                let posts = (root["notifications"]?.array ?? []).filter { $0.isObject && wanted.contains($0["reason"]?.string ?? "") }
                return Self.page(posts, cursor: root["cursor"]?.string, total: root["notifications"]?.array?.count)
            }
        }
    }

    /// A page of posts (postViews, or notifications, which carry the same uri/cid/author/record/indexedAt).
    static func page(_ posts: [JSONValue], cursor: String?, total: Int? = nil) -> BacklogWalk.Page {
        var notes = TextNotes()
        let items = posts.map { BlueskyDecoder.item(from: $0, notes: &notes) }
        let times = posts.map { post -> Date? in
            let stamps = [post["indexedAt"]?.string, post["record"]?["createdAt"]?.string].compactMap { $0.flatMap(FeedDate.parse) }
            return stamps.min()  // sortAt: the earlier of creation and indexing
        }
        return BacklogWalk.Page(items: items, times: times, next: cursor, count: total ?? posts.count, notes: notes.problems)
    }
}
