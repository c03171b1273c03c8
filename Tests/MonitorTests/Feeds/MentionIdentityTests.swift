import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Issues 13.2 and 13.3: URL clean-up strips only what the rules call tracking for that host, and a URL is an
/// identity only when the feed vouches for its host; otherwise the key is the feed's own.
final class MentionIdentityTests: XCTestCase {
    private let identity = MentionIdentity(tracking: try! TrackingParameters.load())

    private func feed(_ id: String, _ url: String, format: FeedFormat = .rss, postHosts: [String] = []) -> FeedConfig {
        FeedConfig(
            id: id, url: URL(string: url)!, format: format, channel: "web", interval: 300, headers: [:], keywords: [],
            mapping: nil, postHosts: postHosts, file: "\(id).feed.json")
    }

    private func key(_ link: String, feed: FeedConfig? = nil) -> String {
        identity.canonicalKey(FeedItem(id: "g", text: "x", url: link), feed: feed ?? self.feed("f", "https://example.org/rss", postHosts: ["forum.example", "reviews.example", "x.com", "youtube.com", "shop.example"]))
    }

    func testPostParametersOnArbitraryHostsAreKept() {
        XCTAssertNotEqual(key("https://forum.example/viewtopic.php?t=101"), key("https://forum.example/viewtopic.php?t=202"))
        XCTAssertNotEqual(key("https://reviews.example/r?ref=9001"), key("https://reviews.example/r?ref=9002"))
        XCTAssertNotEqual(key("https://shop.example/?p=12&s=a"), key("https://shop.example/?p=12&s=b"))
        XCTAssertEqual(key("https://forum.example/viewtopic.php?t=101&utm_source=x&fbclid=1"),
                       key("https://forum.example/viewtopic.php?t=101"))
    }

    func testTrackingParametersOfTheHostAreStripped() {
        XCTAssertEqual(key("https://x.com/ana/status/1?s=20&t=AbC"), key("https://x.com/ana/status/1"))
        XCTAssertEqual(key("https://mobile.x.com/ana/status/1?s=46"), key("https://mobile.x.com/ana/status/1"))
        XCTAssertEqual(key("https://www.youtube.com/watch?v=abc&si=zz&t=42"), key("https://youtube.com/watch?v=abc"))
        XCTAssertNotEqual(key("https://www.youtube.com/watch?v=abc"), key("https://www.youtube.com/watch?v=abd"))
        XCTAssertEqual(key("http://X.COM/ana/status/1/#xtor=RSS-3208"), key("https://x.com/ana/status/1"), "a tag")
        XCTAssertEqual(key("https://x.com/ana/status/1#"), key("https://x.com/ana/status/1"))
        XCTAssertNotEqual(key("https://forum.example/t/9#comment-101"), key("https://forum.example/t/9#comment-102"),
                          "two comments on one page are two posts")
    }

    func testOnlyAVouchedHostIsAnIdentityAcrossFeeds() {
        let victim = "https://x.com/victim/status/555"
        let bridge = feed("x-bridge", "https://bridge.example/rss", postHosts: ["x.com"])
        let other = feed("x-bridge-2", "https://bridge2.example/rss", postHosts: ["x.com"])
        let hostile = feed("blog", "https://evil.example/rss")
        XCTAssertEqual(key(victim, feed: bridge), key(victim, feed: other), "two feeds that speak for x.com share it")
        XCTAssertNotEqual(key(victim, feed: hostile), key(victim, feed: bridge), "a feed not speaking for x.com cannot claim it")
        XCTAssertEqual(key("https://blog.evil.example/post/1", feed: hostile), "https://blog.evil.example/post/1", "its own site")
        let mastodon = feed("toots", "https://evil.social/api/v1/timelines/tag/x", format: .auto)
        XCTAssertTrue(key(victim, feed: mastodon).hasPrefix("https://evil.social/api/v1/timelines/tag/x#"))
        // Two feed files reading one document are one source: its claims hold across them, and only there.
        XCTAssertEqual(key(victim, feed: feed("copy", "https://evil.social/api/v1/timelines/tag/x")), key(victim, feed: mastodon))
    }

    func testAFileFeedsScopeDoesNotDependOnWhereTheFolderIs() {
        var here = feed("x", "file:///srv/a/feeds/samples/x.rss")
        var there = feed("x", "file:///home/b/feeds/samples/x.rss")
        here.configuredURL = "file:samples/x.rss"
        there.configuredURL = "file:samples/x.rss"
        XCTAssertEqual(key("https://x.com/a/status/1", feed: here), key("https://x.com/a/status/1", feed: there))
    }

    func testPlatformIdsComeFirst() {
        let bluesky = feed("sky", "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=x", format: .bluesky)
        let item = FeedItem(id: "at://did:plc:abc/app.bsky.feed.post/3k", text: "x",
                            url: "https://bsky.app/profile/victim.bsky.social/post/3kvictim#")
        XCTAssertEqual(identity.canonicalKey(item, feed: bluesky), "bluesky:at://did:plc:abc/app.bsky.feed.post/3k")
        let reddit = feed("r", "https://www.reddit.com/r/x/new.json", format: .reddit)
        XCTAssertEqual(identity.canonicalKey(FeedItem(id: "t3_abc", text: "x", url: "https://x.com/v/status/1"), feed: reddit), "reddit:t3_abc")
        let toots = feed("m", "https://mastodon.social/api/v1/timelines/tag/x", format: .mastodon)
        XCTAssertEqual(identity.canonicalKey(FeedItem(id: "1109", text: "x", url: "https://x.com/v/status/1"), feed: toots),
                       "mastodon:mastodon.social/1109")
        // A document that only looks like Bluesky, from a host that is not Bluesky, vouches for nothing.
        let lookalike = feed("fake", "https://evil.example/posts.json", format: .auto)
        XCTAssertTrue(identity.canonicalKey(item, feed: lookalike, format: .bluesky).hasPrefix("https://evil.example/posts.json#"))
    }
}
