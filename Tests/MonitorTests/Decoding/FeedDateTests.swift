import Foundation
import XCTest

@testable import Monitor

final class FeedDateTests: XCTestCase {
    /// Every date shape the corpus shows, with the instant it denotes (seconds since 1970).
    func testDateForms() {
        let table: [(String, Double?)] = [
            ("Thu, 01 Jan 2004 19:48:21 GMT", 1_072_986_501),
            ("Thu, 1 Jan 2004 19:48:21 GMT", 1_072_986_501),
            ("01 Jan 2004 19:48:21 GMT", 1_072_986_501),
            ("Thu, 01 Jan 2004 19:48:21 +0000", 1_072_986_501),
            ("Thu, 01 Jan 2004 14:48:21 EST", 1_072_986_501),
            ("Thu, 01 Jan 2004 11:48:21 PST", 1_072_986_501),
            ("Thu, 01 Jan 2004 12:48:21 PDT", 1_072_986_501),
            ("Thu, 01 Jan 2004 21:48:21 +02:00", 1_072_986_501),
            ("Thu, 01 Jan 2004 14:48:21 -0500", 1_072_986_501),
            ("Thu, 01 Jan 04 19:48:21 GMT", 1_072_986_501),
            ("Thu, 01 Jan 2004 19:48 GMT", 1_072_986_480),
            ("Thu, 01 Jan 2004 19:48:21 Z", 1_072_986_501),
            ("Thu, 01 Jan 2004 19:48:21 UT", 1_072_986_501),
            ("Thu, Jan 01 2004 07:48:21 PM", 1_072_986_501),
            ("Qui, 01 Set 2004 19:48:21 +0000", 1_094_068_101),
            ("2004-01-01T19:48:21Z", 1_072_986_501),
            ("2004-01-01T19:48:21.250Z", 1_072_986_501.25),
            ("2004-01-01T20:48:21+01:00", 1_072_986_501),
            ("2004-01-01T14:48:21-0500", 1_072_986_501),
            ("2004-01-01T19:48:21", 1_072_986_501),
            ("2004-01-01 19:48:21", 1_072_986_501),
            ("2004-01-01T19:48Z", 1_072_986_480),
            ("2004-01-01", 1_072_915_200),
            ("1072986501", 1_072_986_501),
            ("1072986501000", 1_072_986_501),
            ("  Thu, 01 Jan 2004 19:48:21 GMT\n", 1_072_986_501),
            ("", nil),
            ("not a date", nil),
            ("2004-13-45T99:99:99Z", nil),
            ("Thu, 99 Foo 2004", nil),
            ("12:30:1e308 1 Jan 2004", nil),  // an absurd time makes the date unreadable (not wrong), never a trap
            ("Sun, 16 Dec 2012 1:2:3:4 GMT", nil),
            ("Sun, 16 Dec 2012 11:47:32 +zz:00", nil),
            ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", 1_329_694_860),
            ("Mon, 26 January 2004 16:31:00 PT", 1_075_163_460),
            ("Tuesday, March 3, 2020 at 10:00 AM", 1_583_229_600),  // "at" before the time is a word, not a zone
            ("2004-W01-4", 1_072_915_200),  // week dates: ISO week 1 of 2004 starts on Monday 2003-12-29
            ("2004W014", 1_072_915_200),
            ("2004-001", 1_072_915_200),
            ("2004001", 1_072_915_200),
            ("20040101", 1_072_915_200),
            ("040101", 1_072_915_200),
            ("04-01-01", 1_072_915_200),
            ("2004-01-01T19:48:21+99:99", nil),
            ("2004-02-30", nil),
            ("2004-01-01T10:61:00Z", nil),
            ("2004-01-01T10:00:00Zextra", nil),
            ("99999999999999999999999 Jan 2004", nil),
        ]
        for (text, expected) in table {
            XCTAssertEqual(FeedDate.parse(text)?.timeIntervalSince1970, expected, "\"\(text)\"")
        }
    }

    func testTwoDigitYears() {
        XCTAssertEqual(FeedDate.parse("Mon, 01 Jan 99 00:00:00 GMT")?.timeIntervalSince1970, 915_148_800)
        XCTAssertEqual(
            FeedDate.parse("Mon, 01 Jan 49 00:00:00 GMT").map {
                Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: $0).year
            }, 2049)
    }

    func testEveryCorpusItemDateParses() throws {
        var dated = 0
        var total = 0
        for row in try DecodingCorpus.benchManifest() where ["rss", "atom", "rdf"].contains(row.format) {
            let data = try DecodingCorpus.benchData(row.path)
            guard
                let feed = try? FeedDecoder.decode(
                    data, format: .auto, contentType: DecodingCorpus.headerContentType(data))
            else { continue }
            total += feed.items.count
            dated += feed.items.filter { $0.publishedAt != nil }.count
        }
        print("corpus items with a parsed date: \(dated)/\(total)")
        XCTAssertGreaterThan(Double(dated) / Double(total), 0.9)
    }
}
