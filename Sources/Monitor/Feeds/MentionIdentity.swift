import Foundation
import ReputationCore

/// Turns feed items into mentions with one identity per post, so the same post seen through two feeds (a search
/// feed and a tag feed, say) is one mention — and so that no post can take another's identity.
///
/// An identity is what the source vouches for: the platform's own id where the format has one (a Bluesky at:// URI,
/// a Reddit fullname, an HN item id, a Mastodon status id on its server), else the post's URL when its host belongs
/// to the feed (the feed's own site, or a host listed in its `post_hosts`). Any other URL is only a claim — a
/// Mastodon `url` is chosen by the origin server, an RSS `link` by whoever wrote the feed — so it identifies the post
/// within that source alone (the document the feed reads: two feed files on one URL are one source), and a hostile
/// feed claiming a victim's X URL cannot suppress the victim's post.
package struct MentionIdentity: Sendable {
    package let tracking: TrackingParameters

    package init(tracking: TrackingParameters) {
        self.tracking = tracking
    }

    /// The post's canonical key. `format` is the detected format of the document (nil: the configured one).
    /// `droppingFragment`: as before fragments were kept (`FormerIdentity`).
    package func canonicalKey(
        _ item: FeedItem, feed: FeedConfig, format: FeedFormat? = nil, droppingFragment: Bool = false
    ) -> String {
        if let source = feed.source, let key = Self.sourceKey(item, source: source) { return key }
        if let platform = platformKey(item, feed: feed, format: format ?? feed.format) { return platform }
        let scope = Self.scope(of: feed)
        guard let url = item.url, let normalised = normalise(url, droppingFragment: droppingFragment) else {
            return "\(scope)#\(item.stableID)"
        }
        if let host = URLComponents(string: normalised)?.host, Self.vouches(feed, for: host) { return normalised }
        return "\(scope)#url:\(normalised)"
    }

    /// Where a claim holds: the document the feed reads (its URL as configured, so `file:samples/x.rss` stays the
    /// same key wherever the feeds folder is), not the feed file's name.
    static func scope(of feed: FeedConfig) -> String {
        feed.configuredURL.isEmpty ? feed.url.absoluteString : feed.configuredURL
    }

    package func mention(from item: FeedItem, feed: FeedConfig, format: FeedFormat? = nil, fetchedAt: Date) -> Mention {
        Mention(
            id: "m-" + StableHash.hex(of: canonicalKey(item, feed: feed, format: format)), sources: [feed.id],
            channel: feed.channel, author: item.author, title: item.title, text: item.text, url: item.url,
            publishedAt: item.publishedAt, fetchedAt: fetchedAt, reference: item.reference)
    }

    /// What an identity was seen saying: the identity and a hash of the post's letters (case, accents, Unicode form,
    /// digits, spacing and punctuation ignored, so a feed re-serving a post with a new "3 min ago" or counter, or in
    /// another normal form, is the same text). Who said it is not part of it: a display name that changes ("Ana" →
    /// "Ana García 🎄") must not file a post again; two people's posts have two identities (see `normalise`).
    package static func textKey(_ mention: Mention, words: String? = nil) -> String {
        // One short hash per pair: the poll state keeps a window of them beside the seen ids.
        StableHash.hex(of: mention.id + "~" + (words ?? letters(of: mention.fullText)))
    }

    /// The layout of `textKey`; a poll state whose texts were keyed by an earlier one learns them again, once.
    package static let textKeyVersion = 2

    /// Lower-case letters without their accents: each letter reduced to the first scalar of its canonical
    /// decomposition, combining marks dropped, so "cobró" spelt precomposed (NFC) or decomposed (NFD) reads "cobro".
    static func letters(of text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // The ASCII letters, directly: most of any post, and the decomposition below is the slow part.
                if value >= 0x41, value <= 0x5A { out.append(UInt8(value + 0x20)) }
                if value >= 0x61, value <= 0x7A { out.append(UInt8(value)) }
            } else if value < 0x250 {
                out.append(contentsOf: latinBases[Int(value) - 0x80])
            } else if scalar.properties.isAlphabetic {
                out.append(contentsOf: base(of: scalar))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lower-case base letter of a letter, as UTF-8: the first scalar of its canonical decomposition.
    private static func base(of scalar: Unicode.Scalar) -> [UInt8] {
        let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
        return Array(String(base).lowercased().utf8)
    }

    /// `base(of:)` for U+0080…U+024F (the accented letters of Spanish and of every Latin script), worked out once:
    /// most non-ASCII letters of a post are here. Empty for what is not a letter.
    private static let latinBases: [[UInt8]] = (0x80..<0x250).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else { return [] }
        return base(of: scalar)
    }

    /// Where a post's identity is its link, what its own id (an RSS guid, an Atom id) says it said: the feed's scope,
    /// that id and the letters (`textKey`'s), hashed. A post whose link changed (a slug rewritten, a review moved)
    /// keeps it, so it is known as the post already recorded; a feed that gives many posts one guid does not merge
    /// them by it, since their words differ. `nil` where the identity is not a link or the item has no id of its own.
    package func ownIDTextKey(_ item: FeedItem, feed: FeedConfig, format: FeedFormat?, words: String) -> String? {
        guard let own = item.id, !own.isEmpty, feed.source == nil,
            platformKey(item, feed: feed, format: format ?? feed.format) == nil, item.url.flatMap({ normalise($0) }) != nil
        else { return nil }
        return StableHash.hex(of: "own~" + Self.scope(of: feed) + "#" + own + "~" + words)
    }

    /// The id of a different text served under an identity already recorded: its own mention, so an edited post
    /// (or another post claiming the same id) is scored and triaged instead of dropped as "already seen".
    package static func editID(of textKey: String) -> String { "m-" + StableHash.hex(of: textKey) }

    /// Lower-cased scheme and host, no tracking parameters of that host, no trailing slash, http ≡ https, www.
    /// dropped. A fragment that names a place in the page is kept: on a comments feed every comment links to the
    /// page, `#comment-101`, `#comment-102`, and two people's comments are two posts (`#/t/123` is a page of its own
    /// in a hash-routed forum). One that tags the link (`#xtor=RSS-3208`, `key=value`) or is empty is dropped.
    func normalise(_ text: String, droppingFragment: Bool = false) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        if droppingFragment || components.fragment.map({ $0.isEmpty || $0.contains("=") }) ?? true {
            components.fragment = nil
        }
        components.scheme = "https"
        components.host = bare
        components.queryItems = components.queryItems?.filter { !tracking.isTracking($0.name, host: bare) }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        if components.path.count > 1, components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string
    }

    /// The platform's own id, when the feed is that platform (configured as its format, or served from its hosts).
    private func platformKey(_ item: FeedItem, feed: FeedConfig, format: FeedFormat) -> String? {
        guard let id = item.id, !id.isEmpty, let hosts = Self.platformHosts[format],
            feed.format == format || Self.belongs(feed.url.host, toAny: hosts)
        else { return nil }
        switch format {
        case .bluesky: return id.hasPrefix("at://") ? "bluesky:" + id : nil
        // Status ids are per server: the server that served the feed is the one vouching for this one.
        case .mastodon: return "mastodon:\(feed.url.host?.lowercased() ?? Self.scope(of: feed))/\(id)"
        default: return "\(format.rawValue):\(id)"
        }
    }

    /// A source kind reads the network's own API, so the ids it gives are the network's: a Bluesky at:// URI is
    /// global (the same key as a Bluesky feed's), the others are scoped to the service that gave them (status ids
    /// are per Mastodon server; a mailbox's Message-ID only within that mailbox).
    private static func sourceKey(_ item: FeedItem, source: SourceSpec) -> String? {
        guard let id = item.reference?.id ?? item.id, !id.isEmpty else { return nil }
        if source.name == "bluesky", let uri = item.reference?.uri ?? item.id, uri.hasPrefix("at://") {
            return "bluesky:" + uri
        }
        return "\(source.name):\(source.address.host?.lowercased() ?? source.address.absoluteString)\(source.address.path)/\(id)"
    }

    /// The formats whose ids are the platform's, and the hosts that serve them (a Mastodon server is any host).
    private static let platformHosts: [FeedFormat: [String]] = [
        .bluesky: ["bsky.app", "bsky.social", "bsky.network"], .reddit: ["reddit.com", "redd.it"],
        .hn: ["ycombinator.com", "algolia.com"], .mastodon: [],
    ]

    /// Whether the feed speaks for posts on `host`: its own site, or a host the operator listed in `post_hosts`.
    static func vouches(_ feed: FeedConfig, for host: String) -> Bool {
        if let feedHost = feed.url.host?.lowercased(), site(of: host) == site(of: feedHost) { return true }
        return belongs(host, toAny: feed.postHosts)
    }

    static func belongs(_ host: String?, toAny hosts: [String]) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return hosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The registrable part of a host, near enough: its last two labels, or three under a two-letter country code
    /// with a short second level (bbc.co.uk, example.com.br).
    static func site(of host: String) -> String {
        let labels = host.lowercased().split(separator: ".")
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let last = labels[labels.count - 1], second = labels[labels.count - 2]
        let count = last.count == 2 && second.count <= 3 ? 3 : 2
        return labels.suffix(count).joined(separator: ".")
    }
}
