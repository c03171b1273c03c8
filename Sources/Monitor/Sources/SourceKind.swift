import Foundation

/// A network Vigía listens on through its own API (`"source": "mastodon"` in a feed file): its configuration
/// keys, how it signs in, and the requests of one poll with their cursors. Each kind lives in a folder of its
/// own beside this file; `SourceKinds.all` lists them.
protocol SourceKind: Sendable {
    /// The value of the feed's `source` key.
    static var name: String { get }
    /// The keys this kind reads, beyond the ones every feed has (`id`, `source`, `channel`, `interval`,
    /// `keywords`, `max_pages`).
    static var keys: [String] { get }
    /// Reads the kind's keys; `${NAME}` values are checked against `environment` and kept as templates.
    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError)
    /// The base address (`instance`, `service`, `api_url`, `url`): for messages and the channel's default.
    var address: URL { get }
    /// One poll: fetch what is new since `poll.cursor`, page by page, adding items and moving the cursor.
    func poll(_ poll: inout SourcePoll) throws(SourceFailure)
}

/// Every source kind Vigía knows. Adding a network is adding its folder and one line here.
enum SourceKinds {
    static let all: [any SourceKind.Type] = [
        MastodonSource.self,
        BlueskySource.self,
        RedditSource.self,
        IMAPSource.self,
        YouTubeSource.self,
        AppStoreSource.self,
    ]

    static func named(_ name: String) -> (any SourceKind.Type)? { all.first { $0.name == name } }
}
