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
    package func canonicalKey(_ item: FeedItem, feed: FeedConfig, format: FeedFormat? = nil) -> String {
        if let source = feed.source, let key = Self.sourceKey(item, source: source) { return key }
        if let platform = platformKey(item, feed: feed, format: format ?? feed.format) { return platform }
        let scope = Self.scope(of: feed)
        guard let url = item.url, let normalised = normalise(url) else { return "\(scope)#\(item.stableID)" }
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

    /// What an identity was seen saying: the identity, who said it, and a hash of the post's letters (case, accents,
    /// spacing and punctuation ignored, and every count: a number and the word after it) so a feed re-serving a post
    /// with a new "hace 5 min" → "hace 2 horas" or "12 likes", or in another Unicode normal form, is the same text. The
    /// author counts (handle, else name): two customers posting the same words under one identity (comments whose
    /// links differ by their #fragment) are two posts.
    package static func textKey(_ mention: Mention, wording: Wording? = nil) -> String {
        let wording = wording ?? Wording(mention)
        // One short hash per pair: the poll state keeps a window of them beside the seen ids.
        return StableHash.hex(of: mention.id + "~" + wording.author + "~" + wording.words)
    }

    /// Who said a post and its words as the text keys read them, worked out once per post.
    package struct Wording: Sendable {
        let author: String
        let words: String

        package init(_ mention: Mention) {
            author = MentionIdentity.letters(of: mention.author.handle ?? mention.author.name ?? "")
            words = MentionIdentity.letters(of: mention.fullText, droppingCounts: true)
        }
    }

    /// The layout of `textKey`; a poll state whose texts were keyed by an earlier one learns them again, once.
    package static let textKeyVersion = 2

    /// Lower-case letters without their accents: each letter reduced to the first scalar of its canonical
    /// decomposition, combining marks dropped, so "cobró" spelt precomposed (NFC) or decomposed (NFD) reads "cobro".
    /// `droppingCounts`: digits go, and so does the word right after a number (its unit: "5 min", "2 h", "3 likes").
    static func letters(of text: String, droppingCounts: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var count = CountUnit()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if droppingCounts, count.skips(scalar) { continue }
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

    /// Reading a text scalar by scalar: a number ("1.5" one number), then, past spaces, the word after it. A point or
    /// comma not followed by a digit ends the sentence, not the number's unit: "pedido 4512. Fatal" keeps "Fatal".
    private struct CountUnit {
        private var afterNumber = false
        private var inUnit = false

        /// Whether this scalar is part of a count.
        mutating func skips(_ scalar: Unicode.Scalar) -> Bool {
            switch Self.kind(of: scalar) {
            case .digit:
                afterNumber = true
                inUnit = false
                return true
            case .letter:
                if afterNumber { inUnit = true }
                afterNumber = false
                return inUnit
            case .space:
                inUnit = false
                return false
            case .other:
                inUnit = false
                afterNumber = false
                return false
            }
        }

        private enum Kind { case digit, letter, space, other }

        /// ASCII by its code (most of any post; the Unicode properties are the slow part), the rest by its properties.
        private static func kind(of scalar: Unicode.Scalar) -> Kind {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x30, value <= 0x39 { return .digit }
                if (value | 0x20) >= 0x61, (value | 0x20) <= 0x7A { return .letter }
                return value == 0x20 || (value >= 0x09 && value <= 0x0D) ? .space : .other
            }
            if scalar.properties.numericType != nil { return .digit }
            if scalar.properties.isAlphabetic { return .letter }
            return scalar.properties.isWhitespace ? .space : .other
        }
    }

    /// Where a post's identity is its link, what its own id (an RSS guid, an Atom id) says it said: the feed's scope,
    /// that id, who and the letters, hashed. A post whose link changed (a slug rewritten, a review moved) keeps it, so
    /// it is known as the post already recorded; a feed that gives many posts one guid does not merge posts by it,
    /// since their texts differ. `nil` where the identity is not a link or the item has no id of its own.
    package func ownIDTextKey(_ item: FeedItem, feed: FeedConfig, format: FeedFormat?, wording: Wording) -> String? {
        guard let own = item.id, !own.isEmpty, feed.source == nil,
            platformKey(item, feed: feed, format: format ?? feed.format) == nil, item.url.flatMap(normalise) != nil
        else { return nil }
        return StableHash.hex(of: "own~" + Self.scope(of: feed) + "#" + own + "~" + wording.author + "~" + wording.words)
    }

    /// The id of a different text served under an identity already recorded: its own mention, so an edited post
    /// (or another post claiming the same id) is scored and triaged instead of dropped as "already seen".
    package static func editID(of textKey: String) -> String { "m-" + StableHash.hex(of: textKey) }

    /// Lower-cased scheme and host, no fragment, no tracking parameters of that host, no trailing slash,
    /// http ≡ https, www. dropped.
    func normalise(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        components.fragment = nil
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
