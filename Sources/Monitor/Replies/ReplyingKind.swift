import Foundation
import ReputationCore

/// A reply about to go out: the answer to one post, public or private, with the key that makes it go out once.
struct OutgoingReply: Sendable, Hashable {
    /// The post answered, as its source recorded it (ids, URI and CID, the thread's root).
    var post: PostReference
    /// The post's address (networks that resolve a remote post by URL first, as Mastodon does).
    var postURL: String?
    /// The address of the source the post was read from (its feed's `instance`, `service`, `api_url`), nil when a
    /// URL feed read it: where `post.id` is meaningful. Mastodon ids are local to an instance, so a post read on
    /// another one is resolved by its URI first.
    var readFrom: URL?
    /// The customer's handle on the network: a private message goes to them, a Mastodon `direct` status
    /// mentions them.
    var author: String
    var text: String
    var visibility: ReplyVisibility
    /// Derived from the task and the text: the same reply always has the same key.
    var key: String
    /// For a private reply where the customer may accept no messages (Bluesky chat): the public answer that goes
    /// out instead, asking them to write privately, composed and checked like any reply. Nil: a closed inbox is
    /// an error and nothing goes out.
    var publicFallback: String? = nil
}

/// What the network answered for a reply that went out.
struct SentReply: Sendable, Hashable {
    /// The network's id of the new post or message.
    var id: String
    var url: String?
    var visibility: ReplyVisibility
    /// The account it went out from, as the network names it.
    var account: String?
    /// What went out when it is not the reply's own text (the public fallback for a closed inbox), for the journal.
    var text: String? = nil
}

/// The longest reply a channel takes, counted the way that network counts.
struct ReplyLimit: Sendable, Hashable {
    enum Unit: String, Sendable {
        /// What a reader sees as one character (Bluesky's 300).
        case graphemes
        /// Unicode code points (Reddit, YouTube).
        case characters
        /// Mastodon's count (its StatusLengthValidator): graphemes, every link as 23, a mention of another
        /// instance's account as its local part (`@ana@social.example` counts as `@ana`).
        case mastodon = "characters (Mastodon's count: a link is 23, @name@instance is @name)"
    }

    var maximum: Int
    var unit: Unit

    func length(of text: String) -> Int {
        switch unit {
        case .graphemes: return text.count
        case .characters: return text.unicodeScalars.count
        case .mastodon: return Self.mastodonCountable(text).count
        }
    }

    static func mastodonCountable(_ text: String) -> String {
        var countable = text
        for (pattern, template) in [(#"https?://[^\s]+"#, String(repeating: "x", count: 23)),
                                    (#"(^|[^\w@/])@(\w+)@[\w.-]+\w"#, "$1@$2")] {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            countable = expression.stringByReplacingMatches(
                in: countable, range: NSRange(countable.startIndex..., in: countable), withTemplate: template)
        }
        return countable
    }
}

/// A source kind that can also answer through its API, with the feed's own credentials (given write scope).
/// Requests go through `SourcePoll` as a poll's do: the same secrets, stored session, rate limits and errors.
/// There is deliberately no way to delete, hide or edit a post here.
protocol ReplyingKind: SourceKind {
    /// Whether the network has private messages (Mastodon direct, Bluesky chat, Reddit messages).
    var hasPrivateMessages: Bool { get }
    /// Whether this feed's credentials can post at all (a Mastodon feed without a token, a Reddit feed with an
    /// app-only token can listen but not answer): `vigia reply` prefers a feed that can.
    var canReply: Bool { get }
    /// The account replies go out from, as the network names it (`@shop@mastodon.example`, `u/shop`), for the
    /// preview and the journal.
    func replyAccount(_ context: inout SourcePoll) throws(SourceFailure) -> String
    /// The channel's limit (Mastodon reads the instance's configured maximum).
    func replyLimit(_ context: inout SourcePoll) throws(SourceFailure) -> ReplyLimit
    /// Why this reply must not go out as written, asked before the preview and before any intent: it would land
    /// under another post, or reach or notify someone who is not the post's author (Mastodon: a `direct` status
    /// goes to whoever its text mentions). Nil: it may go out.
    func refusal(of reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> String?
    /// Posts the reply; 5xx, 429 and connection failures throw, and then nothing went out as far as Vigía knows.
    func send(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply
    /// After a crash between the network call and the `replied` event: the reply already on the network (the
    /// account's recent posts or messages answering the post, matched by key or text), so none goes out twice.
    func findSent(_ reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> SentReply?
}

extension ReplyingKind {
    /// Kinds whose configuration always signs in as an account can always answer.
    var canReply: Bool { true }

    /// Networks whose replies reach only the post's author (a message has one recipient) need no check.
    func refusal(of reply: OutgoingReply, _ context: inout SourcePoll) throws(SourceFailure) -> String? { nil }
}

extension SentReply {
    /// What of the network's answer may be recorded and shown: an id of printable characters within 256, and an
    /// `http(s)` address within 2,048 without spaces or control characters (a `javascript:` URL or a 10 MB id from
    /// a broken or hostile server is dropped: the reply went out and is recorded, without them).
    var recordableID: String? { Self.printable(id, within: 256) }

    var recordableURL: String? {
        guard let url = url.flatMap({ Self.printable($0, within: 2048) }), let parsed = URL(string: url),
              let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http", parsed.host != nil
        else { return nil }
        return url
    }

    var recordableAccount: String? { account.flatMap { Self.printable($0, within: 256) } }

    private static func printable(_ text: String, within limit: Int) -> String? {
        guard !text.isEmpty, text.utf8.count <= limit,
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0.isASCII })
        else { return nil }
        return text
    }
}
