import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Issue 13.4: numbers from feeds become dates only inside 1970…2200; the item stays, its date goes, and the
/// decode says so. The time formatter itself is total.
final class ImplausibleDateTests: XCTestCase {
    private func decode(_ json: String, _ format: FeedFormat, mapping: GenericJSONMapping? = nil) throws -> DecodedFeed {
        try FeedDecoder.decode(Data(json.utf8), format: format, mapping: mapping)
    }

    func testRedditHNAndMappedDatesOutOfRangeAreDroppedAndReported() throws {
        let cases: [(String, FeedFormat, GenericJSONMapping?)] = [
            (#"{"data": {"children": [{"kind": "t3", "data": {"name": "t3_a", "title": "x", "created_utc": 1e300}}]}}"#, .reddit, nil),
            (#"{"data": {"children": [{"kind": "t3", "data": {"name": "t3_a", "title": "x", "created_utc": -1}}]}}"#, .reddit, nil),
            (#"{"hits": [{"objectID": "1", "title": "x", "created_at_i": 1e300}]}"#, .hn, nil),
            (#"{"hits": [{"objectID": "1", "title": "x", "created_at_i": 8e12}]}"#, .hn, nil),
            (#"{"rows": [{"id": "r", "t": "x", "d": 1e300}]}"#, .json, GenericJSONMapping(items: "/rows", id: "/id", text: "/t", date: "/d")),
            (#"{"rows": [{"id": "r", "t": "x", "d": "9999-01-01T00:00:00Z"}]}"#, .json, GenericJSONMapping(items: "/rows", id: "/id", text: "/t", date: "/d")),
        ]
        for (json, format, mapping) in cases {
            let feed = try decode(json, format, mapping: mapping)
            XCTAssertEqual(feed.items.count, 1, json)
            XCTAssertNil(feed.items.first?.publishedAt, json)
            XCTAssertTrue(feed.problems.contains { $0.contains("outside 1970…2200") }, "\(json): \(feed.problems)")
        }
    }

    func testPlausibleDatesAreKept() throws {
        let feed = try decode(#"{"hits": [{"objectID": "1", "title": "x", "created_at_i": 1764000000}]}"#, .hn)
        XCTAssertEqual(feed.items.first?.publishedAt, Date(timeIntervalSince1970: 1_764_000_000))
        XCTAssertEqual(feed.problems, [])
    }

    func testFormatIsTotal() {
        for seconds in [1e300, -1e300, Double.nan, Double.infinity, -Double.infinity] {
            XCTAssertEqual(ISOTime.format(Date(timeIntervalSince1970: seconds)).count, 20, "\(seconds)")
        }
        XCTAssertEqual(ISOTime.format(Date(timeIntervalSince1970: 1_764_000_000)), "2025-11-24T16:00:00Z")
    }
}
