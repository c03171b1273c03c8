import Foundation

/// The bodies Vigía sends to Bluesky, as the lexicons define them: `com.atproto.repo.createRecord` of an
/// `app.bsky.feed.post` (text, createdAt, the `reply` refs) and `chat.bsky.convo.sendMessage`. Nothing here can
/// delete or edit a record: there is no `deleteRecord` or `putRecord` body.
enum BlueskyWrite {
    /// A strong reference to a record: its AT-URI and the CID of the version answered.
    struct Ref: Encodable, Hashable, Sendable {
        var uri: String
        var cid: String
    }

    /// `app.bsky.feed.post#replyRef`: the thread's first post and the post answered.
    struct Reply: Encodable, Hashable, Sendable {
        var root: Ref
        var parent: Ref
    }

    struct Post: Encodable, Sendable {
        var type = "app.bsky.feed.post"
        var text: String
        var createdAt: String
        var reply: Reply

        enum CodingKeys: String, CodingKey {
            case text, createdAt, reply
            case type = "$type"
        }
    }

    struct CreateRecord: Encodable, Sendable {
        var repo: String
        var collection: String
        var record: Post
    }

    struct Message: Encodable, Sendable {
        struct Input: Encodable, Sendable { var text: String }
        var convoId: String
        var message: Input
    }

    /// The repository an AT-URI names: `did:plc:…` (or a handle) in `at://did:plc:…/collection/rkey`.
    static func authority(_ uri: String) -> String? {
        guard uri.hasPrefix("at://") else { return nil }
        let rest = uri.dropFirst(5)
        let authority = rest.prefix { $0 != "/" }
        return authority.isEmpty ? nil : String(authority)
    }
}
