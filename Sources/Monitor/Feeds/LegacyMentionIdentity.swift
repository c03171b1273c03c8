import Foundation
import ReputationCore

/// The mention identity before issue 13 (every URL an identity, `t`/`s`/`ref`/`si` stripped on every host, the
/// feed id as scope), kept for one purpose: the first run over a poll state written by that version recognises
/// what the state already recorded, instead of recording and filing every post the feeds still serve a second time.
/// Nothing else may use it (it is the identity that let posts erase each other).
enum LegacyMentionIdentity {
    static func mentionID(_ item: FeedItem, feedID: String) -> String {
        "m-" + StableHash.hex(of: item.url.flatMap(normalise) ?? "\(feedID)#\(item.stableID)")
    }

    private static func normalise(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        components.fragment = nil
        components.scheme = "https"
        components.host = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        components.queryItems = components.queryItems?.filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !["ref", "s", "t", "si", "fbclid", "gclid"].contains(name)
        }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        if components.path.count > 1, components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string
    }
}
