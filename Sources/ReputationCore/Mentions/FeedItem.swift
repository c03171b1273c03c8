import Foundation

/// One entry as a decoder read it from a feed document, before it becomes a `Mention`.
package struct FeedItem: Sendable, Codable, Hashable {
    /// The id the source gave (guid, atom:id, status id, ...); `nil` when it gave none.
    package var id: String?
    package var title: String?
    /// Plain text: HTML stripped, entities decoded, whitespace normalised.
    package var text: String
    package var url: String?
    package var author: Author
    package var publishedAt: Date?
    /// The platform's names for the post, for a reply later (source kinds; nil for URL feeds).
    package var reference: PostReference?

    package init(
        id: String? = nil, title: String? = nil, text: String, url: String? = nil, author: Author = Author(),
        publishedAt: Date? = nil, reference: PostReference? = nil
    ) {
        self.id = id
        self.title = title
        self.text = text
        self.url = url
        self.author = author
        self.publishedAt = publishedAt
        self.reference = reference
    }

    /// The item's identity within its feed: the source id, else a stable hash of what identifies the post.
    package var stableID: String {
        if let id, !id.isEmpty { return id }
        return "h:" + StableHash.hex(of: [url ?? "", title ?? "", text, publishedAt.map { "\($0.timeIntervalSince1970)" } ?? ""].joined(separator: "\u{1F}"))
    }
}
