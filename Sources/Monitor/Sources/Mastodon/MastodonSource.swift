import CurlTransport
import Foundation
import ReputationCore

/// Mastodon (`"source": "mastodon"`): hashtag timelines, the account's mention notifications and status search,
/// each a stream with its own cursor. Gap-free: a stream asks for what is `min_id`-newer than its cursor (the page
/// right after it, not the newest page) and follows the `Link` header's `prev` until a page comes back empty, so
/// however many posts arrived between two polls, none is skipped; a page cap per poll leaves the rest to the next.
struct MastodonSource: SourceKind {
    static let name = "mastodon"
    static let keys = ["instance", "token", "hashtags", "mentions", "search"]
    /// The API's largest page (statuses and notifications).
    static let pageSize = 40

    var instance: URL
    var token: String?
    var hashtags: [String]
    var mentions: Bool
    var search: String?

    var address: URL { instance }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        instance = try object.address("instance", default: nil)
        token = try object.secret("token", environment: environment, required: false)
        hashtags = try object.words("hashtags", expected: "a hashtag without spaces (with or without #)") { tag in
            let bare = tag.hasPrefix("#") ? tag.dropFirst() : Substring(tag)
            return !bare.isEmpty && bare.count <= 100 && !bare.contains { $0.isWhitespace || $0 == "/" || $0 == "#" }
        }.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        mentions = try object.bool("mentions") ?? false
        search = try object.setting("search", environment: environment, required: false, expected: "search words")
        guard !hashtags.isEmpty || mentions || search != nil else {
            throw .missing(file: object.file, key: "hashtags", expected: "at least one of hashtags, mentions or search")
        }
        if token == nil, mentions || search != nil {
            throw .missing(
                file: object.file, key: "token",
                expected: "${NAME} of an access token (mentions need read:notifications, search read:search)")
        }
    }

    var streams: [MastodonStream] {
        hashtags.map { MastodonStream(kind: .hashtag($0)) } + (mentions ? [MastodonStream(kind: .mentions)] : [])
            + (search.map { [MastodonStream(kind: .search($0))] } ?? [])
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        let bearer = token.map { poll.secret($0) }
        for stream in streams {
            try stream.catchUp(instance: instance, bearer: bearer, poll: &poll)
            if poll.waitUntil != nil { return }  // budget spent: the other streams wait with it
        }
    }
}
