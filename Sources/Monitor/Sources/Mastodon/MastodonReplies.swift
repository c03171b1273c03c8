import CurlTransport
import Foundation
import ReputationCore

/// Answering on Mastodon (docs.joinmastodon.org/methods/statuses#create): `POST /api/v1/statuses` with the
/// status text, `in_reply_to_id` (the post's id on this instance, fetched with `GET /api/v1/statuses/:id` for its
/// author; a post read on another instance is resolved first with `GET /api/v2/search?resolve=true`), `visibility`
/// (`public`, or `direct` for a private message, which reaches the accounts the text mentions: the text may mention
/// only the post's author as the instance names them) and the reply's key as the
/// `Idempotency-Key` header, so the instance answers a repeated request with the status it already made. The
/// token needs `write:statuses` (and `read:accounts`, `read:statuses`, `read:search` for the look-ups).
extension MastodonSource: ReplyingKind {
    static let defaultMaxCharacters = 500

    var hasPrivateMessages: Bool { true }

    var canReply: Bool { token != nil }

    func replyAccount(_ context: inout SourcePoll) throws(SourceFailure) -> String {
        try ownAccount(&context).name
    }

    /// `configuration.statuses.max_characters` of `GET /api/v2/instance`; 500, Mastodon's default, when the
    /// instance does not say.
    func replyLimit(_ context: inout SourcePoll) throws(SourceFailure) -> ReplyLimit {
        let response = try call(instance.appending(apiPath: "/api/v2/instance"), what: "instance", &context)
        let configured = response.flatMap { $0["configuration"]?["statuses"]?["max_characters"]?.integer }
        let maximum = configured.map { min(max($0, 1), 1_000_000) } ?? Self.defaultMaxCharacters
        return ReplyLimit(maximum: maximum, unit: .mastodon)
    }

    /// A reply goes under the very post Vigía read (a look-up by address must find that post, not one a remote
    /// server serves in its place), and mentions only the post's author as this instance knows them: a mention
    /// notifies, and a `direct` status reaches every account its text mentions — not the handle a feed claimed.
    func refusal(of reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> String? {
        switch try lookUpParent(of: reply, &context) {
        case .found(let parent): return mentionRefusal(reply, author: parent.author)
        case .anotherPost(let reason): return reason
        }
    }

    func send(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        let parent = try parentStatus(of: reply, &context)
        if let refusal = mentionRefusal(reply, author: parent.author) { throw .unexpected("Mastodon: \(refusal)") }
        let form = [("status", reply.text), ("in_reply_to_id", parent.id),
                    ("visibility", reply.visibility == .private ? "direct" : "public")]
        guard let status = try call(instance.appending(apiPath: "/api/v1/statuses"), what: "the reply", form: form,
                                    idempotencyKey: reply.key, &context), status["id"]?.text != nil
        else { throw .unexpected("Mastodon: \(host) answered the reply without a status id") }
        return sentReply(status, visibility: reply.visibility)
    }

    /// Mastodon's mention syntax (`@name` of this instance, `@name@domain` of another), not inside a word, an
    /// address or a URL path.
    static let mentionPattern = try? NSRegularExpression(
        pattern: #"(?<![\w/@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[\w.-]+\w)?)"#)

    static func mentions(in text: String) -> [String] {
        guard let pattern = mentionPattern else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Why the text must not go out: it mentions someone who did not write the post, or (privately) not its author.
    func mentionRefusal(_ reply: OutgoingReply, author: String) -> String? {
        let isAuthor = { (name: String) in
            name.lowercased() == author.lowercased() || name.lowercased() == "\(author)@\(host)".lowercased()
        }
        let mentioned = Self.mentions(in: reply.text)
        if let other = mentioned.first(where: { !isAuthor($0) }) {
            let reach = reply.visibility == .private ? "a direct status reaches" : "a mention notifies"
            return "the reply mentions @\(SafeText.line(other)), who did not write the post (@\(author) did): \(reach) "
                + "everyone it mentions; name only @\(author) (--text \"@\(author) …\")"
        }
        if reply.visibility == .private, mentioned.isEmpty {
            return "a direct status reaches only the accounts it mentions, and this one does not mention the post's "
                + "author: start it with @\(author) (--text \"@\(author) …\")"
        }
        return nil
    }

    /// The account's recent statuses (its own direct ones included) answering the post with the reply's text.
    func findSent(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        let account = try ownAccount(&context)
        let parent = try parentStatus(of: reply, &context).id
        let url = instance.appending(
            apiPath: "/api/v1/accounts/\(account.id)/statuses",
            query: [URLQueryItem(name: "limit", value: "40"), URLQueryItem(name: "exclude_reblogs", value: "true")])
        let statuses = try call(url, what: "the account's statuses", &context)?.array ?? []
        let match = statuses.first { status in
            status["in_reply_to_id"]?.text == parent
                && ReplyMatch.same(PlainText.fromHTML(status["content"]?.string ?? "").text, reply.text)
        }
        return match.map { sentReply($0, visibility: reply.visibility) }
    }

    private var host: String { instance.host ?? "the instance" }

    private func sentReply(_ status: JSONValue, visibility: ReplyVisibility) -> SentReply {
        let acct = status["account"]?["acct"]?.string
        return SentReply(
            id: status["id"]?.text ?? "", url: status["url"]?.string ?? status["uri"]?.string, visibility: visibility,
            account: acct.map { "@\($0)@\(host)" })
    }

    /// `GET /api/v1/accounts/verify_credentials`: the token's own account.
    private func ownAccount(_ context: inout SourcePoll) throws(SourceFailure) -> (id: String, name: String) {
        let me = try call(instance.appending(apiPath: "/api/v1/accounts/verify_credentials"), what: "the account", &context)
        guard let id = me?["id"]?.text, let acct = me?["acct"]?.string else {
            throw .unexpected("Mastodon: \(host) did not say which account the token belongs to")
        }
        return (id, "@\(acct)@\(host)")
    }

    /// The post answered, on this instance: its id and its author's account (`acct`) as this instance names them.
    struct ParentStatus {
        var id: String
        var author: String
    }

    /// What looking the post up on this instance found: the post, or another post at its address.
    enum ParentLookup {
        case found(ParentStatus)
        case anotherPost(String)
    }

    private func parentStatus(
        of reply: OutgoingReply, _ context: inout SourcePoll
    ) throws(SourceFailure) -> ParentStatus {
        switch try lookUpParent(of: reply, &context) {
        case .found(let parent): return parent
        case .anotherPost(let reason): throw .unexpected(reason)
        }
    }

    /// The post as this instance has it: fetched by the id recorded when a feed on this instance read it, else
    /// looked up by its URI (search with `resolve=true`) and kept only when the status found is at that address.
    private func lookUpParent(
        of reply: OutgoingReply, _ context: inout SourcePoll
    ) throws(SourceFailure) -> ParentLookup {
        let status: JSONValue?
        if let id = reply.post.id, let readFrom = reply.readFrom, readFrom.sameOrigin(as: instance) {
            let path = "/api/v1/statuses/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id)
            status = try call(instance.appending(apiPath: path), what: "the post", &context)
        } else {
            guard let address = reply.post.uri ?? reply.postURL else {
                throw .unexpected("Mastodon: the post has neither an id on \(host) nor an address to look it up by")
            }
            let url = instance.appending(
                apiPath: "/api/v2/search",
                query: [URLQueryItem(name: "q", value: address), URLQueryItem(name: "resolve", value: "true"),
                        URLQueryItem(name: "type", value: "statuses"), URLQueryItem(name: "limit", value: "1")])
            guard let found = try call(url, what: "the post's look-up", &context)?["statuses"]?.array?.first else {
                throw .unexpected(
                    "Mastodon: \(host) does not find the post \(SafeText.url(address)) (search with resolve=true)")
            }
            let addresses = [found["uri"]?.string, found["url"]?.string].compactMap { $0?.lowercased() }
            guard addresses.contains(address.lowercased()) else {
                let served = found["url"]?.string ?? found["uri"]?.string ?? "?"
                return .anotherPost("Mastodon: \(host) resolves the address to another post ("
                    + "\(SafeText.url(address)) → \(SafeText.url(served))); not answered there")
            }
            status = found
        }
        guard let id = status?["id"]?.text, let author = status?["account"]?["acct"]?.string,
              Self.mentions(in: "@" + author) == [author] else {
            throw .unexpected("Mastodon: \(host) did not give the post's id and author")
        }
        return .found(ParentStatus(id: id, author: author))
    }

    /// One request with the feed's token (a form POST when `form` is given); nil for a 404 of the instance
    /// document. Refusals say which scope is missing.
    private func call(
        _ url: URL, what: String, form: [(String, String)]? = nil, idempotencyKey: String? = nil,
        _ context: inout SourcePoll
    ) throws(SourceFailure) -> JSONValue? {
        guard let token else {
            throw .permissionMissing("Mastodon: the feed has no token; replying needs one with the write:statuses scope")
        }
        var headers = [(name: "Accept", value: "application/json"), (name: "Authorization", value: "Bearer \(context.secret(token))")]
        var body: Data?
        if let form {
            headers.append((name: "Content-Type", value: "application/x-www-form-urlencoded"))
            if let idempotencyKey { headers.append((name: "Idempotency-Key", value: idempotencyKey)) }
            body = Data(form.map { "\($0.0)=\(RedditToken.Keeper.formEncode($0.1))" }.joined(separator: "&").utf8)
        }
        let response = try context.send(HTTPRequest(url: url, headers: headers, body: body), network: "Mastodon")
        let words = SourcePoll.serverWords(response)
        switch response.status {
        case 200..<300: return try SourceJSON.parse(response.body, network: "Mastodon")
        case 401: throw .credentialRejected("Mastodon: access token rejected by \(host) (401\(words))")
        case 403:
            let scope = form != nil ? "write:statuses" : "read"
            throw .permissionMissing("Mastodon: \(host) refused \(what) (403\(words)); the token needs the \(scope) scope")
        case 404 where what == "instance": return nil
        case 404: throw .unexpected("Mastodon: \(host) has no such post or account for \(what) (404\(words))")
        default: throw .unexpected("Mastodon: \(host) answered HTTP \(response.status)\(words) for \(what)")
        }
    }
}
