import Foundation
import XCTest

@testable import Monitor

final class IncrementalQueryTests: XCTestCase {
    private func next(_ base: String, _ format: FeedFormat, _ cursor: [String: String]) -> String {
        IncrementalQuery.url(for: URL(string: base)!, format: format, cursor: cursor).absoluteString
    }

    func testEachAPIGetsItsParameter() {
        XCTAssertEqual(
            next("https://m.example/api/v1/timelines/tag/acme?limit=40", .mastodon, ["since_id": "1170"]),
            "https://m.example/api/v1/timelines/tag/acme?limit=40&since_id=1170")
        XCTAssertEqual(
            next(
                "https://bsky.example/xrpc/app.bsky.feed.searchPosts?q=acme", .bluesky,
                ["since": "2025-05-19T17:10:09.561Z"]),
            "https://bsky.example/xrpc/app.bsky.feed.searchPosts?q=acme&since=2025-05-19T17:10:09.561Z")
        XCTAssertEqual(
            next("https://www.reddit.com/r/acme/new.json?before=t3_old", .reddit, ["before": "t3_new"]),
            "https://www.reddit.com/r/acme/new.json?before=t3_new")
        XCTAssertEqual(
            next(
                "https://hn.algolia.com/api/v1/search_by_date?query=acme&numericFilters=points%3E10,created_at_i%3E5",
                .hn, ["created_at_i": "1401467700"]),
            "https://hn.algolia.com/api/v1/search_by_date?query=acme"
                + "&numericFilters=points%3E10,created_at_i%3E1401467700")
    }

    func testAutoFeedsAreRecognisedByTheirCursorKey() {
        XCTAssertEqual(next("https://m.example/api/v1/timelines/public", .auto, ["since_id": "7"]),
                       "https://m.example/api/v1/timelines/public?since_id=7")
        XCTAssertEqual(next("https://hn.algolia.com/api/v1/search_by_date?query=x", .auto, ["created_at_i": "9"]),
                       "https://hn.algolia.com/api/v1/search_by_date?query=x&numericFilters=created_at_i%3E9")
    }

    func testNoCursorOrNonIncrementalFormatsKeepTheURL() {
        XCTAssertEqual(
            next("https://m.example/api/v1/timelines/public", .mastodon, [:]),
            "https://m.example/api/v1/timelines/public")
        XCTAssertEqual(next("https://blog.example/feed.xml", .rss, ["since_id": "1"]), "https://blog.example/feed.xml")
    }

    /// The cursor a decode returns, fed back, asks for what is newer than the newest item seen.
    func testCursorsFromDecodedCorpusDocuments() throws {
        let cases: [(String, String)] = [
            ("mastodon/mastodon.py__test_pagination_iterator__31.json", "since_id"),
            ("bluesky/bskyr__searchPosts_2025-05-19.json", "since"),
            ("reddit/praw__TestSubredditListings.test_new__1.json", "before"),
            ("hn/hn-algolia__19ce247__search_by_date_tags_comment.json", "created_at_i"),
        ]
        for (path, key) in cases {
            let feed = try FeedDecoder.decode(DecodingCorpus.data(path), format: .auto)
            let value = try XCTUnwrap(feed.cursor[key], path)
            let url = IncrementalQuery.url(
                for: URL(string: "https://api.example/x?q=a")!, format: feed.format,
                cursor: feed.cursor)
            XCTAssertTrue(url.absoluteString.contains(value), "\(path): \(url)")
        }
        let mastodon = try FeedDecoder.decode(
            DecodingCorpus.data("mastodon/mastodon.py__test_pagination_iterator__31.json"), format: .mastodon)
        let ids = mastodon.items.compactMap(\.id)
        XCTAssertEqual(mastodon.cursor["since_id"], ids.max { ($0.count, $0) < ($1.count, $1) })
        let hn = try FeedDecoder.decode(
            DecodingCorpus.data("hn/hn-algolia__19ce247__search_by_date_tags_comment.json"), format: .hn)
        let newest = hn.items.compactMap(\.publishedAt).max()!.timeIntervalSince1970
        XCTAssertEqual(hn.cursor["created_at_i"], String(Int(newest)))
    }
}
