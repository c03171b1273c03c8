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

    /// The thing answered must be on Reddit as the feed recorded it (`GET /api/info`): a mirror or bridge can claim
    /// another thing's fullname or another author, and a comment would land under someone else's post, a message
    /// reach someone else. The text may name only the author: `u/name` notifies that redditor.
    func refusal(of reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> String? {
        try userName()
        let fullnameCharacters = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        guard let fullname = reply.post.id, fullname.allSatisfy(fullnameCharacters) else {
            return "the post's Reddit fullname is unknown, so it cannot be answered"
        }
        var keeper = RedditToken.Keeper(credentials: credentials, userAgent: userAgent)
        try keeper.open(&context)
        let info = api.appending(apiPath: "/api/info", query: [URLQueryItem(name: "id", value: fullname)])
        let root = try keeper.get(info, what: "the post", &context)
        guard let thing = RedditDecoder.children(in: root).compactMap({ $0["data"] }).first(where: {
            $0["name"]?.string == fullname
        }) else { return "Reddit has no \(fullname), the post the feed recorded: nothing is answered" }
        let author = thing["author"]?.string ?? ""
        let recorded = Self.bareUser(reply.author)
        guard author.lowercased() == recorded.lowercased() else {
            return "\(fullname) on Reddit is by u/\(SafeText.line(author)), not by u/\(SafeText.line(recorded)) as the "
                + "feed that read it says: not answered (a comment would land under another post, a message reach "
                + "another person)"
        }
        if let other = Self.mentions(in: reply.text).first(where: { $0.lowercased() != author.lowercased() }) {
            return "the reply mentions u/\(other), who did not write the post (u/\(author) did): a mention notifies "
                + "them; name only u/\(author)"
        }
        return nil
    }

    /// Reddit's username mentions (`u/name`, `/u/name`), not inside a word or a path.
    static func mentions(in text: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: #"(?<![\w/])/?u/([A-Za-z0-9_-]+)"#) else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
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
