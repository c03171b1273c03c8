import CurlTransport
import Foundation
import ReputationCore

/// Reddit (`"source": "reddit"`): posts from `/search?sort=new`, comments from `/r/{sub}/comments` kept when they
/// name the brand (the `search` words or the feed's `keywords`), and `/message/mentions` (username mentions; a
/// user token, so only with username and password). Every request goes to the OAuth host with a bearer token
/// from `/api/v1/access_token` — the password grant for a script app with username and password, client
/// credentials without — kept in alerts/state/ and renewed before it expires or on a 401. Listings are newest
/// first and page with `after` fullnames: each stream walks back to the newest post it took last time.
struct RedditSource: SourceKind {
    static let name = "reddit"
    static let keys = ["client_id", "client_secret", "username", "password", "user_agent", "search", "subreddits",
                       "mentions", "auth_url", "api_url"]
    static let pageSize = 100

    var credentials: RedditToken.Credentials
    var userAgent: String
    var search: String?
    var subreddits: [String]
    var mentions: Bool
    var brandWords: [String]
    var api: URL

    var address: URL { api }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        let clientID = try object.secret("client_id", environment: environment, required: true)!
        let clientSecret = try object.secret("client_secret", environment: environment, required: true)!
        let username = try object.setting("username", environment: environment, required: false, expected: "a Reddit username")
        let password = try object.secret("password", environment: environment, required: false)
        if (username == nil) != (password == nil) {
            throw .missing(file: object.file, key: username == nil ? "username" : "password",
                           expected: "username and password together (the password grant), or neither (client credentials)")
        }
        credentials = RedditToken.Credentials(
            clientID: clientID, clientSecret: clientSecret, username: username, password: password,
            tokenURL: try object.address("auth_url", default: "https://www.reddit.com").appending(apiPath: "/api/v1/access_token"))
        userAgent = try object.setting(
            "user_agent", environment: environment, required: true,
            expected: "a unique User-Agent such as \"linux:vigia:1.0 (by /u/yourname)\", as Reddit's API rules ask")!
        search = try object.setting("search", environment: environment, required: false, expected: "search words")
        subreddits = try object.words("subreddits", expected: "a subreddit name (letters, digits, _)") { name in
            let bare = name.hasPrefix("r/") ? String(name.dropFirst(2)) : name
            return (2...21).contains(bare.count) && bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }.map { $0.hasPrefix("r/") ? String($0.dropFirst(2)) : $0 }
        mentions = try object.bool("mentions") ?? (username != nil)
        if mentions, username == nil {
            throw .missing(file: object.file, key: "username", expected: "username and password: /message/mentions needs a user token")
        }
        brandWords = (try object.strings("keywords") ?? []) + (search.map { [$0] } ?? [])
        if !subreddits.isEmpty, brandWords.isEmpty {
            throw .missing(file: object.file, key: "search", expected: "search words or keywords: subreddit comments are kept when they name the brand")
        }
        guard search != nil || !subreddits.isEmpty || mentions else {
            throw .missing(file: object.file, key: "search", expected: "at least one of search, subreddits or mentions")
        }
        api = try object.address("api_url", default: "https://oauth.reddit.com")
    }

    /// Each stream with whose channel it reads: searches and subreddits are anyone's, username mentions the
    /// account's own.
    private var streams: [(key: String, path: String, query: [URLQueryItem], commentsOnly: Bool, scope: MentionFilter.Scope)] {
        var list: [(String, String, [URLQueryItem], Bool, MentionFilter.Scope)] = []
        if let search {
            list.append(("search", "/search", [URLQueryItem(name: "q", value: search), URLQueryItem(name: "sort", value: "new"),
                                               URLQueryItem(name: "type", value: "link")], false, .general))
        }
        list += subreddits.map { ("r/\($0)", "/r/\($0)/comments", [], true, .general) }
        if mentions { list.append(("mentions", "/message/mentions", [], false, .own)) }
        return list
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        var token = RedditToken.Keeper(credentials: credentials, userAgent: userAgent)
        try token.open(&poll)
        let brand = KeywordFilter(brandWords)
        for stream in streams where poll.waitUntil == nil {
            try BacklogWalk(key: stream.key, network: "Reddit", scope: stream.scope).run(&poll) { (poll, after) throws(SourceFailure) -> BacklogWalk.Page in
                var query = stream.query + [URLQueryItem(name: "limit", value: String(Self.pageSize))]
                if let after { query.append(URLQueryItem(name: "after", value: after)) }
                let root = try token.get(api.appending(apiPath: stream.path, query: query), what: stream.key, &poll)
                let children = RedditDecoder.children(in: root)
                var notes = TextNotes()
                var items: [FeedItem] = [], times: [Date?] = []
                for child in children {
                    let item = RedditDecoder.item(from: child, notes: &notes)
                    times.append(item.publishedAt)
                    if stream.commentsOnly, !brand.matches(item) { continue }
                    items.append(item)
                }
                return BacklogWalk.Page(
                    items: items, times: times, next: root["data"]?["after"]?.string, count: children.count, notes: notes.problems)
            }
        }
    }
}
