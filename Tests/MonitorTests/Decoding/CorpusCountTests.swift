import Foundation
import XCTest

@testable import Monitor

/// Every DEV corpus file (and every fixture sample) decodes to the number of items manifest.tsv gives: exactly where the count is reliable,
/// within 20% (±1) where it comes from a regex over an ill-formed document.
final class CorpusCountTests: XCTestCase {
    func testItemCountsAgreeWithTheBenchManifest() throws {
        let rows = try DecodingCorpus.benchManifest().filter { $0.items != nil && !$0.path.hasPrefix("hostile/") }
        XCTAssertGreaterThan(rows.count, 580, "corpus incomplete at \(DecodingCorpus.bench.path)")
        let exact = try assertCounts(rows, DecodingCorpus.benchData)
        print("decoding corpus agreement: \(exact)/\(rows.count) exact item counts")
        XCTAssertGreaterThanOrEqual(Double(exact) / Double(rows.count), 0.97)
    }

    /// The same check on the project's own samples, so a lone clone checks the counts too.
    func testItemCountsAgreeWithTheFixtureManifest() throws {
        let rows = try DecodingCorpus.manifest().filter { $0.items != nil && !$0.path.hasPrefix("hostile/") }
        XCTAssertGreaterThan(rows.count, 25)
        _ = try assertCounts(rows, DecodingCorpus.data)
    }

    /// Fails for every row whose count is off (beyond 20% ±1 for regex counts); returns the exact ones.
    private func assertCounts(_ rows: [DecodingCorpus.Row], _ read: (String) throws -> Data) throws -> Int {
        var exact = 0
        var failures: [String] = []
        for row in rows {
            let data = try read(row.path)
            let expected = row.items!
            do {
                let feed = try FeedDecoder.decode(
                    data, format: .auto, contentType: DecodingCorpus.headerContentType(data))
                let count = feed.items.count
                if count == expected { exact += 1 }
                let tolerant = row.basis.hasPrefix("regex-count")
                let slack = tolerant ? max(1, expected / 5) : 0
                if abs(count - expected) > slack {
                    failures.append("\(row.path): \(count) items, expected \(expected)")
                }
                XCTAssertEqual(
                    feed.format.rawValue == "json" ? "generic" : feed.format.rawValue,
                    expectedFormat(row), row.path)
            } catch {
                failures.append("\(row.path): \(error)")
            }
        }
        XCTAssertEqual(failures, [])
        return exact
    }

    /// The folder is the format, except that the HN item tree in generic/ is recognised as HN.
    private func expectedFormat(_ row: DecodingCorpus.Row) -> String {
        row.path.hasSuffix("items_17.json") ? "hn" : row.format
    }

    func testIllegallyNestedItemsAreNotCounted() throws {
        let feed = try FeedDecoder.decode(
            DecodingCorpus.data("rss/node-feedparser__illegally-nested.xml"), format: .auto)
        XCTAssertEqual(feed.items.count, 10)
    }

    func testFeedsWithANewlineBeforeTheXMLDeclarationDecode() throws {
        for name in ["AmazonWebServicesBlog", "SamRuby", "youtube_atom"] {
            let row = try XCTUnwrap(DecodingCorpus.manifest().first { $0.path.contains("feedjira__" + name) })
            let feed = try FeedDecoder.decode(DecodingCorpus.data(row.path), format: .auto)
            XCTAssertFalse(row.wellFormed)
            XCTAssertEqual(feed.items.count, row.items, row.path)
        }
    }

    func testFileExtensionsDoNotDecideTheFormat() throws {
        let cases: [(String, FeedFormat)] = [
            ("atom/rsparser__DaringFireball.rss", .atom), ("rss/rsparser__allthis.atom", .rss),
            ("rdf/rss-parser__craigslist.rss", .rdf), ("rdf/rss-parser__rss-1.rss", .rdf),
        ]
        for (path, format) in cases {
            let data = try DecodingCorpus.data(path)
            XCTAssertEqual(FeedDecoder.detectFormat(data), format, path)
            XCTAssertEqual(try FeedDecoder.decode(data, format: .rss).format, format, path)
        }
    }
}
