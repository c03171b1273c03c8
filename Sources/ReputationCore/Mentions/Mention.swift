import Foundation

/// A post about the brand, as read from one or more feeds. Plain text only (decoders strip HTML).
package struct Mention: Sendable, Codable, Hashable {
    /// Stable identity across runs: the canonical post id (see `Mention.canonicalID`).
    package var id: String
    /// The feed ids that carried this post (the same post via two feeds is one mention).
    package var sources: [String]
    /// Where the post was made ("twitter", "mastodon", "blog", ...): replies go back here.
    package var channel: String
    package var author: Author
    package var title: String?
    package var text: String
    package var url: String?
    /// When the post was published; `nil` when the feed did not say (then `fetchedAt` stands in).
    package var publishedAt: Date?
    package var fetchedAt: Date
    /// The platform's names for the post (id/URI, Bluesky CID and thread root, rating), for a reply later.
    /// Optional so mention logs written before it read as they are.
    package var reference: PostReference?

    package init(
        id: String, sources: [String], channel: String, author: Author, title: String? = nil, text: String,
        url: String? = nil, publishedAt: Date? = nil, fetchedAt: Date, reference: PostReference? = nil
    ) {
        self.id = id
        self.sources = sources
        self.channel = channel
        self.author = author
        self.title = title
        self.text = text
        self.url = url
        self.publishedAt = publishedAt
        self.fetchedAt = fetchedAt
        self.reference = reference
    }

    /// The moment the post counts for (crisis buckets, deadlines): publication, else first sight.
    package var postedAt: Date { publishedAt ?? fetchedAt }

    /// The moment the post counts for in crisis volume: its publication, but never after we first saw it. A feed
    /// whose clock runs ahead, a wrong time zone or a made-up date ("2150-01-01") would otherwise put it in a bucket
    /// that opens hours or years from now: unseen by every window until then, and kept in the poll state all along.
    package var countedAt: Date { min(postedAt, fetchedAt) }

    /// Title and body together, for scoring: many feeds put the post in one and a summary in the other.
    package var fullText: String {
        guard let title, !title.isEmpty, !text.hasPrefix(title) else { return text }
        return text.isEmpty ? title : title + ". " + text
    }
}

/// Who wrote a post. `reach` is followers or an equivalent audience size when the source says.
package struct Author: Sendable, Codable, Hashable {
    package var name: String?
    package var handle: String?
    package var reach: Int?

    package init(name: String? = nil, handle: String? = nil, reach: Int? = nil) {
        self.name = name
        self.handle = handle
        self.reach = reach
    }

    /// How a reply should address the person: their name, else their handle.
    package var displayName: String? { name.flatMap { $0.isEmpty ? nil : $0 } ?? handle }
}
