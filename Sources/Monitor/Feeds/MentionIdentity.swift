import Foundation
import ReputationCore

/// Turns feed items into mentions with one identity per post, so the same post seen through two feeds
/// (a search feed and a tag feed, say) is one mention.
public enum MentionIdentity {
    /// The post's canonical key: its normalised link when it has one, else the feed and item id.
    public static func canonicalKey(_ item: FeedItem, feedID: String) -> String {
        if let url = item.url, let normalised = normalise(url) { return normalised }
        return "\(feedID)#\(item.stableID)"
    }

    public static func mentionID(_ item: FeedItem, feedID: String) -> String {
        "m-" + StableHash.hex(of: canonicalKey(item, feedID: feedID))
    }

    /// Lower-cased scheme and host, no fragment, no tracking parameters, no trailing slash, http ≡ https.
    static func normalise(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        components.fragment = nil
        components.scheme = "https"
        components.host = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        components.queryItems = components.queryItems?.filter { item in
            !item.name.lowercased().hasPrefix("utm_") && !["ref", "s", "t", "si", "fbclid", "gclid"].contains(item.name.lowercased())
        }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        if components.path.count > 1, components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string
    }

    public static func mention(from item: FeedItem, feed: FeedConfig, fetchedAt: Date) -> Mention {
        Mention(
            id: mentionID(item, feedID: feed.id), sources: [feed.id], channel: feed.channel, author: item.author,
            title: item.title, text: item.text, url: item.url, publishedAt: item.publishedAt, fetchedAt: fetchedAt,
            reference: item.reference)
    }
}
