import CurlTransport
import Foundation
import ReputationCore

/// Answering on Bluesky with the feed's own session: a public reply is a new `app.bsky.feed.post` record made by
/// `com.atproto.repo.createRecord`, naming the thread's root and the post answered by URI and CID; a private one is
/// a chat message through the PDS, which forwards `chat.bsky.convo.*` to the chat service (`atproto-proxy`). A
/// customer who accepts no messages from the account makes the chat service refuse: then the reply flow's public
/// fallback (asking them to write privately) goes out instead, never the private text in public.
extension BlueskySource: ReplyingKind {
    /// The chat service's DID and service id, as the PDS expects it in `atproto-proxy`.
    static let chatProxy = "did:web:api.bsky.chat#bsky_chat"
    /// How many of the account's latest posts and chat messages `findSent` looks through (a reply found after a
    /// crash was made seconds before; a page is enough, two are a margin).
    static let recentPages = 2

    var hasPrivateMessages: Bool { true }

    func replyLimit(_ context: inout SourcePoll) throws(SourceFailure) -> ReplyLimit {
        ReplyLimit(maximum: 300, unit: .graphemes)
    }

    /// The signed-in account's handle (signing in, or reusing the stored session, as a poll does).
    func replyAccount(_ context: inout SourcePoll) throws(SourceFailure) -> String {
        account(try openSession(&context))
    }

    func send(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        var session = try openSession(&context)
        guard reply.visibility == .private else { return try post(reply.text, answering: reply.post, &session, &context) }
        let customer = try customerDID(reply, &session, &context)
        switch try conversation(with: customer, &session, &context) {
        case .open(let convo):
            let body = SourceJSON.encode(BlueskyWrite.Message(convoId: convo, message: .init(text: reply.text)))
            let response = try session.answer("chat.bsky.convo.sendMessage", body: body, proxy: Self.chatProxy, &context)
            if BlueskyChat.isRefusal(response) { return try fallback(reply, refusal: response, &session, &context) }
            try BlueskyAnswer.check(response, method: "chat.bsky.convo.sendMessage", account: identifier)
            let message = try SourceJSON.parse(response.body, network: "Bluesky")
            guard let id = message["id"]?.string else {
                throw .unexpected("Bluesky: chat.bsky.convo.sendMessage answered without the message's id")
            }
            return SentReply(id: id, url: nil, visibility: .private, account: account(session))
        case .refused(let response):
            return try fallback(reply, refusal: response, &session, &context)
        }
    }

    func findSent(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        var session = try openSession(&context)
        if reply.visibility == .private {
            let customer = try customerDID(reply, &session, &context)
            if case .open(let convo) = try conversation(with: customer, &session, &context),
                let found = try message(reply.text, in: convo, &session, &context)
            {
                return found
            }
            // The fallback is the only public text a private reply can have become.
            guard let fallback = reply.publicFallback,
                var found = try publicReply(fallback, answering: reply.post, &session, &context)
            else { return nil }
            found.text = fallback
            return found
        }
        return try publicReply(reply.text, answering: reply.post, &session, &context)
    }

    // MARK: - Public replies

    private func post(_ text: String, answering post: PostReference, _ session: inout BlueskySession.Keeper,
                      _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        let refs = try Self.replyRefs(post)
        let did = try signedInDID(session)
        let record = BlueskyWrite.Post(text: text, createdAt: ISOTime.format(context.now), reply: refs)
        let body = SourceJSON.encode(BlueskyWrite.CreateRecord(repo: did, collection: "app.bsky.feed.post", record: record))
        let response = try session.answer("com.atproto.repo.createRecord", body: body, &context)
        try BlueskyAnswer.check(response, method: "com.atproto.repo.createRecord", account: identifier)
        let root = try SourceJSON.parse(response.body, network: "Bluesky")
        guard let uri = root["uri"]?.string else {
            throw .unexpected("Bluesky: com.atproto.repo.createRecord answered without the new post's uri")
        }
        return SentReply(id: uri, url: webURL(uri, session), visibility: .public, account: account(session))
    }

    /// The private message could not go out: the public fallback instead, or a clear refusal when there is none.
    private func fallback(_ reply: OutgoingReply, refusal: HTTPResponse, _ session: inout BlueskySession.Keeper,
                          _ context: inout SourcePoll) throws(SourceFailure) -> SentReply {
        guard let text = reply.publicFallback else {
            throw .permissionMissing(
                "Bluesky: \(reply.author) accepts no chat messages from \(identifier) "
                    + "(\(refusal.status)\(BlueskyAnswer.errorName(refusal))); answer in public instead")
        }
        context.notes.append(
            "Bluesky: \(reply.author) accepts no chat messages from \(identifier) "
                + "(\(refusal.status)\(BlueskyAnswer.errorName(refusal))); answered in public, asking them to write privately")
        var sent = try post(text, answering: reply.post, &session, &context)
        sent.text = text
        return sent
    }

    /// The account's latest posts (`com.atproto.repo.listRecords`, newest first) answering `post` with `text`.
    private func publicReply(_ text: String, answering post: PostReference, _ session: inout BlueskySession.Keeper,
                             _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        let did = try signedInDID(session)
        var cursor: String?
        for _ in 0..<Self.recentPages {
            var query = [
                URLQueryItem(name: "repo", value: did), URLQueryItem(name: "collection", value: "app.bsky.feed.post"),
                URLQueryItem(name: "limit", value: "100"),
            ]
            if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
            let root = try session.get("com.atproto.repo.listRecords", query, &context)
            for record in root["records"]?.array ?? [] {
                let value = record["value"]
                guard value?["reply"]?["parent"]?["uri"]?.string == post.uri, value?["text"]?.string == text,
                    let uri = record["uri"]?.string
                else { continue }
                return SentReply(id: uri, url: webURL(uri, session), visibility: .public, account: account(session))
            }
            guard let next = root["cursor"]?.string, !(root["records"]?.array ?? []).isEmpty else { return nil }
            cursor = next
        }
        return nil
    }

    /// Root and parent of a reply to `post`: the post answered is the parent; its thread's first post the root (the
    /// post itself when it starts the thread). Both need the URI and the CID the post was read with.
    static func replyRefs(_ post: PostReference) throws(SourceFailure) -> BlueskyWrite.Reply {
        guard let uri = post.uri, let cid = post.cid else {
            throw .unexpected(
                "Bluesky: the post \(post.uri ?? post.id ?? "?") was recorded without its URI and CID, "
                    + "which a reply must name; answer it from the Bluesky app")
        }
        let parent = BlueskyWrite.Ref(uri: uri, cid: cid)
        guard let rootURI = post.rootURI, let rootCID = post.rootCID else { return BlueskyWrite.Reply(root: parent, parent: parent) }
        return BlueskyWrite.Reply(root: BlueskyWrite.Ref(uri: rootURI, cid: rootCID), parent: parent)
    }

    // MARK: - Chat

    private enum Conversation {
        case open(String)
        /// The chat service refused (the customer accepts no messages from this account): its answer.
        case refused(HTTPResponse)
    }

    private func conversation(with member: String, _ session: inout BlueskySession.Keeper,
                              _ context: inout SourcePoll) throws(SourceFailure) -> Conversation {
        let method = "chat.bsky.convo.getConvoForMembers"
        let response = try session.answer(
            method, query: [URLQueryItem(name: "members", value: member)], proxy: Self.chatProxy, &context)
        if BlueskyChat.isRefusal(response) { return .refused(response) }
        try BlueskyChat.checkScope(response, account: identifier)
        try BlueskyAnswer.check(response, method: method, account: identifier)
        guard let id = try SourceJSON.parse(response.body, network: "Bluesky")["convo"]?["id"]?.string else {
            throw .unexpected("Bluesky: \(method) answered without convo.id")
        }
        return .open(id)
    }

    /// Our latest messages in the conversation (`chat.bsky.convo.getMessages`, newest first) with this text.
    private func message(_ text: String, in convo: String, _ session: inout BlueskySession.Keeper,
                         _ context: inout SourcePoll) throws(SourceFailure) -> SentReply? {
        let did = try signedInDID(session)
        let method = "chat.bsky.convo.getMessages"
        let response = try session.answer(
            method, query: [URLQueryItem(name: "convoId", value: convo), URLQueryItem(name: "limit", value: "100")],
            proxy: Self.chatProxy, &context)
        try BlueskyAnswer.check(response, method: method, account: identifier)
        let root = try SourceJSON.parse(response.body, network: "Bluesky")
        let mine = (root["messages"]?.array ?? []).first {
            $0["sender"]?["did"]?.string == did && $0["text"]?.string == text
        }
        guard let id = mine?["id"]?.string else { return nil }
        return SentReply(id: id, url: nil, visibility: .private, account: account(session))
    }

    /// The customer's DID: the authority of their post's AT-URI, or their handle resolved.
    private func customerDID(_ reply: OutgoingReply, _ session: inout BlueskySession.Keeper,
                             _ context: inout SourcePoll) throws(SourceFailure) -> String {
        if let authority = reply.post.uri.flatMap(BlueskyWrite.authority), authority.hasPrefix("did:") { return authority }
        let handle = reply.author.hasPrefix("@") ? String(reply.author.dropFirst()) : reply.author
        let root = try session.get("com.atproto.identity.resolveHandle", [URLQueryItem(name: "handle", value: handle)], &context)
        guard let did = root["did"]?.string else {
            throw .unexpected("Bluesky: com.atproto.identity.resolveHandle gave no DID for \(handle)")
        }
        return did
    }

    // MARK: - Session

    private func openSession(_ context: inout SourcePoll) throws(SourceFailure) -> BlueskySession.Keeper {
        var session = BlueskySession.Keeper(service: service, identifier: identifier, password: context.secret(appPassword))
        try session.open(&context)
        return session
    }

    private func signedInDID(_ session: BlueskySession.Keeper) throws(SourceFailure) -> String {
        guard let did = session.session?.did else { throw .unexpected("Bluesky: no session for \(identifier)") }
        return did
    }

    private func account(_ session: BlueskySession.Keeper) -> String { "@" + (session.session?.handle ?? identifier) }

    /// `at://did/app.bsky.feed.post/rkey` → the post's page on bsky.app, under the account's handle.
    private func webURL(_ uri: String, _ session: BlueskySession.Keeper) -> String? {
        guard let rkey = uri.split(separator: "/").last, uri.contains("/app.bsky.feed.post/") else { return nil }
        let profile = session.session?.handle ?? BlueskyWrite.authority(uri) ?? identifier
        return "https://bsky.app/profile/\(profile)/post/\(rkey)"
    }
}

/// What the chat service's refusals look like: a member who accepts no messages from the account (or has blocked
/// it) makes `getConvoForMembers` or `sendMessage` answer 400 `InvalidRequest`, not an auth error.
enum BlueskyChat {
    static func isRefusal(_ response: HTTPResponse) -> Bool {
        response.status == 400 && !BlueskyAnswer.isTokenProblem(response)
    }

    /// An app password made without "Allow access to your direct messages" is refused by the PDS for every chat
    /// call (`InvalidToken`, "Bad token scope") even after the session is renewed: a permission, not a bad token.
    static func checkScope(_ response: HTTPResponse, account: String) throws(SourceFailure) {
        guard BlueskyAnswer.isTokenProblem(response), SourcePoll.serverWords(response).lowercased().contains("scope") else {
            return
        }
        throw .permissionMissing(
            "Bluesky: the app password of \(account) may not use chat (\(response.status)\(BlueskyAnswer.errorName(response))); "
                + "create one with \"Allow access to your direct messages\" for private replies")
    }
}
