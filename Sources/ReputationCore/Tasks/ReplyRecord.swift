import Foundation

/// Whether a reply went out in public (an answer under the customer's post) or privately (a direct message).
package enum ReplyVisibility: String, Sendable, Codable, Hashable, CaseIterable {
    case `public`
    case `private`
}

/// The reply a `reply_intent` or `replied` journal event is about. The intent is written before the network
/// call and carries the key and text; `replied` adds what the network answered (its id and URL for the new post).
package struct ReplyRecord: Sendable, Codable, Hashable {
    /// Derived from the task and the text: the same reply always has the same key, so a retry after a crash
    /// is recognised (Mastodon takes it as `Idempotency-Key`).
    package var key: String
    package var visibility: ReplyVisibility
    /// The text sent (on `reply_intent`; kept on `replied` so the report can show what was said).
    package var text: String?
    /// The account it went out from, as the network names it (`@shop@mastodon.example`, a DID, `u/shop`).
    package var account: String?
    /// The network's id of the new post or message (on `replied`).
    package var postID: String?
    /// The new post's address, where the network gives one (on `replied`).
    package var url: String?
    /// The mention the reply answers (the task's post it went under): one answer per post and visibility, so two
    /// people answering the same post at once make one reply.
    package var inReplyTo: String?

    package init(
        key: String, visibility: ReplyVisibility, text: String? = nil, account: String? = nil, postID: String? = nil,
        url: String? = nil, inReplyTo: String? = nil
    ) {
        self.key = key
        self.visibility = visibility
        self.text = text
        self.account = account
        self.postID = postID
        self.url = url
        self.inReplyTo = inReplyTo
    }

    enum CodingKeys: String, CodingKey {
        case key, visibility, text, account, url
        case postID = "post_id"
        case inReplyTo = "in_reply_to"
    }
}
