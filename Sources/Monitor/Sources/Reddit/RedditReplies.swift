import CurlTransport
import Foundation
import ReputationCore

/// Answering on Reddit (reddit.com/dev/api): a comment with `POST /api/comment` (`thing_id` = the post's or
/// comment's fullname, `text` in Markdown, `api_type=json`), a private message with `POST /api/compose` (`to`,
/// `subject`, `text`). Both need a user token (the feed's username and password, scopes `submit` and
/// `privatemessages`); 10,000 characters each. Errors come back as `json.errors` with a 200.
extension RedditSource: ReplyingKind {
    static let maxCharacters = 10_000

    var hasPrivateMessages: Bool { true }

    var canReply: Bool { credentials.username != nil }

    func replyAccount(_ context: inout SourcePoll) throws(SourceFailure) -> String {
        try userName()
        return credentials.account
    }

    func replyLimit(_ context: inout SourcePoll) throws(SourceFailure) -> ReplyLimit {
        ReplyLimit(maximum: Self.maxCharacters, unit: .characters)
    }

    func send(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        let user = try userName()
        var keeper = RedditToken.Keeper(credentials: credentials, userAgent: userAgent)
        try keeper.open(&context)
        switch reply.visibility {
        case .public:
            guard let parent = reply.post.id else { throw .unexpected("Reddit: the post's fullname is unknown, so it cannot be answered") }
            let root = try keeper.post(
                api.appending(apiPath: "/api/comment"),
                form: [("api_type", "json"), ("thing_id", parent), ("text", reply.text)], what: "the comment", &context)
            try Self.check(root, what: "the comment")
            guard let comment = root["json"]?["data"]?["things"]?.array?.first?["data"], comment["name"]?.string != nil
            else { throw .unexpected("Reddit: the comment's answer has no json.data.things[0]") }
            return sentComment(comment, user: user)
        case .private:
            let to = Self.bareUser(reply.author)
            guard !to.isEmpty else { throw .unexpected("Reddit: the customer's username is unknown, so no message can reach them") }
            let root = try keeper.post(
                api.appending(apiPath: "/api/compose"),
                form: [("api_type", "json"), ("to", to), ("subject", Self.subject(reply.text)), ("text", reply.text)],
                what: "the message", &context)
            try Self.check(root, what: "the message")
            // compose answers no id: the sent box has the message.
            let sent = try findMessage(to: to, text: reply.text, keeper: &keeper, &context)
            return sent ?? SentReply(id: "message to u/\(to)", url: nil, visibility: .private, account: "u/\(user)")
        }
    }

    func findSent(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        let user = try userName()
        var keeper = RedditToken.Keeper(credentials: credentials, userAgent: userAgent)
        try keeper.open(&context)
        if reply.visibility == .private {
            return try findMessage(to: Self.bareUser(reply.author), text: reply.text, keeper: &keeper, &context)
        }
        let url = api.appending(
            apiPath: "/user/\(user)/comments", query: [URLQueryItem(name: "sort", value: "new"), URLQueryItem(name: "limit", value: "100")])
        let root = try keeper.get(url, what: "the account's comments", &context)
        let match = RedditDecoder.children(in: root).compactMap { $0["data"] }.first { comment in
            comment["parent_id"]?.string == reply.post.id && ReplyMatch.same(comment["body"]?.string ?? "", reply.text)
        }
        return match.map { sentComment($0, user: user) }
    }

    /// `GET /message/sent`: the account's sent messages, newest first.
    private func findMessage(
        to: String, text: String, keeper: inout RedditToken.Keeper, _ context: inout SourcePoll
    ) throws(SourceFailure) -> SentReply? {
        let root = try keeper.get(
            api.appending(apiPath: "/message/sent", query: [URLQueryItem(name: "limit", value: "100")]), what: "sent messages", &context)
        let match = RedditDecoder.children(in: root).compactMap { $0["data"] }.first { message in
            (message["dest"]?.string ?? "").lowercased() == to.lowercased() && ReplyMatch.same(message["body"]?.string ?? "", text)
        }
        guard let match, let name = match["name"]?.string else { return nil }
        return SentReply(id: name, url: nil, visibility: .private, account: credentials.account)
    }

    private func sentComment(_ comment: JSONValue, user: String) -> SentReply {
        let link = comment["permalink"]?.string.map { $0.hasPrefix("http") ? $0 : "https://www.reddit.com" + $0 }
        return SentReply(id: comment["name"]?.string ?? "", url: link, visibility: .public, account: "u/\(user)")
    }

    /// Posting needs a user: an app-only token (client credentials) can read but not write.
    @discardableResult
    private func userName() throws(SourceFailure) -> String {
        guard let username = credentials.username else {
            throw .permissionMissing("Reddit: replying needs a user token: give the feed username and password (a script app)")
        }
        return username
    }

    /// `json.errors`: `[["RATELIMIT", "you are doing that too much…", "ratelimit"], ["TOO_LONG", …]]`.
    private static func check(_ root: JSONValue, what: String) throws(SourceFailure) {
        guard let errors = root["json"]?["errors"]?.array, let first = errors.first?.array else { return }
        let words = first.compactMap(\.string).prefix(2).joined(separator: ": ")
        let line = String(words.filter { !$0.isNewline }.prefix(200))
        if first.first?.string == "RATELIMIT" { throw .unavailable("Reddit: \(what) refused for now (\(line))") }
        throw .unexpected("Reddit: \(what) refused (\(line))")
    }

    static func bareUser(_ handle: String) -> String {
        var name = handle.trimmingCharacters(in: .whitespaces)
        for prefix in ["/u/", "u/"] where name.lowercased().hasPrefix(prefix) { name.removeFirst(prefix.count) }
        return name
    }

    /// A message needs a subject (at most 100 characters): the reply's first words.
    static func subject(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("u/") && !$0.hasPrefix("/u/") }
        var subject = ""
        for word in words {
            let next = subject.isEmpty ? String(word) : subject + " " + word
            if next.count > 60 { break }
            subject = next
        }
        return subject.isEmpty ? "Re" : subject
    }
}
