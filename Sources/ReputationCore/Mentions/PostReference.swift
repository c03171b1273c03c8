/// What a reply on the post's own network will need later, as the platform names the post: its id or URI
/// (Mastodon's status id and URI, Bluesky's AT-URI and CID and its thread's root, Reddit's fullname, YouTube's
/// comment id, the App Store review id, the mail's Message-ID) and, for reviews, the star rating.
/// Absent on mentions from URL feeds and on mentions recorded before it existed.
package struct PostReference: Sendable, Codable, Hashable {
    /// The platform's id of the post (status id, fullname, comment id, review id, Message-ID).
    package var id: String?
    /// The post's global address where the platform has one (ActivityPub URI, AT-URI).
    package var uri: String?
    /// Bluesky: the record's content hash, which a reply's `parent` must name with the URI.
    package var cid: String?
    /// Bluesky: the thread's first post (a reply's `root`); the post itself when it starts the thread.
    package var rootURI: String?
    package var rootCID: String?
    /// App Store: stars, 1 to 5.
    package var rating: Int?

    package init(
        id: String? = nil, uri: String? = nil, cid: String? = nil, rootURI: String? = nil, rootCID: String? = nil,
        rating: Int? = nil
    ) {
        self.id = id
        self.uri = uri
        self.cid = cid
        self.rootURI = rootURI
        self.rootCID = rootCID
        self.rating = rating
    }

}
