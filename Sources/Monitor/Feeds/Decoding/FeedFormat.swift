/// The document kinds a feed can carry. `auto` sniffs the content (file extensions and Content-Types lie).
package enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case auto, rss, atom, rdf, jsonfeed, mastodon, bluesky, reddit, hn, json

    /// Whether documents of this format are XML (as opposed to JSON).
    package var isXML: Bool { self == .rss || self == .atom || self == .rdf }
}
