import CurlTransport
import Foundation
import ReputationCore

/// Answering a YouTube comment: `comments.insert` (`POST /comments?part=snippet`, `snippet.parentId` the thread's
/// top-level comment, `snippet.textOriginal` the text) with an OAuth token for the channel (the API key alone
/// cannot write). YouTube has no private messages. An insert costs 50 quota units and a list one, from the same
/// daily quota the poll counts; a spent quota waits for the Pacific-time reset like the poll does.
extension YouTubeSource: ReplyingKind {
    static let insertCost = 50
    /// Pages of a thread's replies `findSent` reads (100 each); a thread with more is rare on a shop's channel.
    static let replyPages = 5

    var hasPrivateMessages: Bool { false }

    /// Only with OAuth: the API key reads comments but cannot answer them.
    var canReply: Bool { oauth != nil }

    func replyLimit(_ context: inout SourcePoll) throws(SourceFailure) -> ReplyLimit {
        ReplyLimit(maximum: 10_000, unit: .characters)
    }

    /// The channel the OAuth token answers as (`channels.list?mine=true`, one unit): its handle, else its title.
    func replyAccount(_ context: inout SourcePoll) throws(SourceFailure) -> String {
        var token = try openToken(&context)
        try spend(1, &context)
        let query = [URLQueryItem(name: "part", value: "snippet"), URLQueryItem(name: "mine", value: "true")]
        let request = HTTPRequest(
            url: api.appending(apiPath: "/channels", query: query), headers: [(name: "Accept", value: "application/json")])
        let response = try token.send(request, &context)
        try check(response, method: "channels.list", &context)
        let channel = try SourceJSON.parse(response.body, network: "YouTube")["items"]?.array?.first
        guard let id = channel?["id"]?.string else {
            throw .permissionMissing("YouTube: the OAuth token has no channel to answer as (channels.list?mine=true is empty)")
        }
        return channel?["snippet"]?["customUrl"]?.string ?? channel?["snippet"]?["title"]?.string ?? id
    }

    func send(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        guard reply.visibility == .public else {
            throw .unexpected("YouTube: there are no private messages; answer the comment in public")
        }
        let parent = try Self.parentID(reply.post)
        var token = try openToken(&context)
        try spend(Self.insertCost, &context)
        let body = SourceJSON.encode(Insert(snippet: .init(parentId: parent, textOriginal: reply.text)))
        let request = HTTPRequest(
            url: api.appending(apiPath: "/comments", query: [URLQueryItem(name: "part", value: "snippet")]),
            headers: [(name: "Content-Type", value: "application/json"), (name: "Accept", value: "application/json")],
            body: body)
        let response = try token.send(request, &context)
        try check(response, method: "comments.insert", &context)
        let comment = try SourceJSON.parse(response.body, network: "YouTube")
        guard let id = comment["id"]?.string else { throw .unexpected("YouTube: comments.insert answered without the comment's id") }
        return sent(comment, id: id, reply)
    }

    func findSent(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        guard reply.visibility == .public else { return nil }
        let parent = try Self.parentID(reply.post)
        var token = try openToken(&context)
        var pageToken: String?
        for _ in 0..<Self.replyPages {
            try spend(1, &context)
            var query = [
                URLQueryItem(name: "part", value: "snippet"), URLQueryItem(name: "parentId", value: parent),
                URLQueryItem(name: "maxResults", value: "100"), URLQueryItem(name: "textFormat", value: "plainText"),
            ]
            if let pageToken { query.append(URLQueryItem(name: "pageToken", value: pageToken)) }
            let request = HTTPRequest(
                url: api.appending(apiPath: "/comments", query: query), headers: [(name: "Accept", value: "application/json")])
            let response = try token.send(request, &context)
            try check(response, method: "comments.list", &context)
            let root = try SourceJSON.parse(response.body, network: "YouTube")
            for comment in root["items"]?.array ?? [] where comment["snippet"]?["textOriginal"]?.string == reply.text {
                if let id = comment["id"]?.string { return sent(comment, id: id, reply) }
            }
            guard let next = root["nextPageToken"]?.string else { return nil }
            pageToken = next
        }
        return nil
    }

    /// The thread's top-level comment, which a reply names as `parentId`.
    static func parentID(_ post: PostReference) throws(SourceFailure) -> String {
        guard let id = post.uri ?? post.id, !id.isEmpty else {
            throw .unexpected("YouTube: the comment was recorded without its id; answer it on YouTube")
        }
        return id
    }

    private func sent(_ comment: JSONValue, id: String, _ reply: OutgoingReply) -> SentReply {
        let snippet = comment["snippet"]
        let account = snippet?["authorDisplayName"]?.string ?? snippet?["authorChannelId"]?["value"]?.string
        return SentReply(id: id, url: Self.commentURL(reply.postURL, id: id), visibility: .public, account: account)
    }

    /// The answered comment's watch page with `lc` pointing at the new reply.
    static func commentURL(_ postURL: String?, id: String) -> String? {
        guard let postURL, var components = URLComponents(string: postURL),
            let video = components.queryItems?.first(where: { $0.name == "v" })?.value
        else { return nil }
        components.queryItems = [URLQueryItem(name: "v", value: video), URLQueryItem(name: "lc", value: id)]
        return components.string
    }

    private func openToken(_ context: inout SourcePoll) throws(SourceFailure) -> YouTubeToken.Keeper {
        guard let oauth else {
            throw .permissionMissing(
                "YouTube: feed \(context.feedID) has no OAuth credentials (client_id, client_secret, refresh_token "
                    + "with the youtube.force-ssl scope): the API key can read comments but not answer them")
        }
        var keeper = YouTubeToken.Keeper(credentials: oauth)
        try keeper.open(&context)
        return keeper
    }

    /// Units from the day's quota, counted in the feed's cursor as the poll counts them.
    private func spend(_ units: Int, _ context: inout SourcePoll) throws(SourceFailure) {
        var quota = YouTubeQuota(cursor: context.cursor, now: context.now, limit: dailyQuota)
        guard quota.spend(units) else {
            context.waitUntil = quota.reset
            throw .rateLimited("YouTube: \(quota.used) of \(dailyQuota) quota units used today, \(units) needed", until: quota.reset)
        }
        quota.store(in: &context.cursor)
    }

    private func check(_ response: HTTPResponse, method: String, _ context: inout SourcePoll) throws(SourceFailure) {
        guard !(200..<300).contains(response.status) else { return }
        let reason = String(Self.reason(response).filter { $0.isLetter }.prefix(60))
        if Self.isQuotaSpent(response) {
            let reset = YouTubeQuota(cursor: context.cursor, now: context.now, limit: dailyQuota).reset
            context.waitUntil = reset
            throw .rateLimited("YouTube: the project's daily quota is spent (403 \(reason))", until: reset)
        }
        switch response.status {
        case 401: throw .credentialRejected("YouTube: OAuth token refused by \(method) (401 \(reason))")
        case 403:
            throw .permissionMissing(
                "YouTube: \(method) forbidden (403 \(reason)): the token needs the youtube.force-ssl scope, and the "
                    + "video must take comments")
        case 404: throw .unexpected("YouTube: \(method): the comment answered is gone (404 \(reason))")
        default: throw .unexpected("YouTube: \(method) answered HTTP \(response.status) \(reason)")
        }
    }

    /// `comments.insert`'s body: a comment resource with only what a reply sets.
    struct Insert: Encodable {
        struct Snippet: Encodable {
            var parentId: String
            var textOriginal: String
        }
        var snippet: Snippet
    }
}
