import Foundation
import XCTest

@testable import Monitor

final class FormatDetectionTests: XCTestCase {
    func testJSONShapes() {
        let cases: [(String, FeedFormat?)] = [
            (#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#, .jsonfeed),
            (#"[{"id": "1", "content": "<p>x</p>", "account": {"acct": "a"}}]"#, .mastodon),
            (#"{"accounts": [], "statuses": [], "hashtags": []}"#, .mastodon),
            (#"{"posts": [], "cursor": "x"}"#, .bluesky),
            (#"{"feed": [{"post": {"uri": "at://x"}}]}"#, .bluesky),
            (#"{"kind": "Listing", "data": {"children": []}}"#, .reddit),
            (#"{"hits": [], "nbHits": 0}"#, .hn),
            (#"{"id": 1, "created_at_i": 5, "children": []}"#, .hn),
            (#"{"rss": {"channel": {"item": []}}}"#, .json),
            (#"{"error": "rate limited"}"#, nil),
            (#"[1, 2, 3]"#, nil),
            ("<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"x\"><item/></rdf:RDF>", .rdf),
            ("\n\n<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>", .atom),
            ("<html><body>hello</body></html>", nil),
            ("plain text", nil),
        ]
        for (document, format) in cases {
            XCTAssertEqual(FeedDecoder.detectFormat(Data(document.utf8)), format, document)
        }
    }

    func testAConfiguredFormatThatDoesNotFitIsCorrectedAndReported() throws {
        let reddit = Data(#"{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_a"}}]}}"#.utf8)
        let feed = try FeedDecoder.decode(reddit, format: .mastodon)
        XCTAssertEqual(feed.format, .reddit)
        XCTAssertEqual(feed.items.map(\.id), ["t3_a"])
        XCTAssertTrue(feed.problems.contains { $0.contains("configured as mastodon") }, "\(feed.problems)")
        XCTAssertEqual(try FeedDecoder.decode(Data("[]".utf8), format: .mastodon).items.count, 0)
        XCTAssertThrowsError(try FeedDecoder.decode(Data(#"{"error": "x"}"#.utf8), format: .mastodon)) { error in
            // Its shape, never its keys: the document may be a file that is no feed (issue 13.16).
            XCTAssertTrue("\(error)".contains("a JSON object (1 key)") && !"\(error)".contains("\"error\""), "\(error)")
        }
    }
}
