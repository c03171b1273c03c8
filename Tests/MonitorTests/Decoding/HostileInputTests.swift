import Foundation
import XCTest

@testable import Monitor

/// Every file in the bench's hostile/ (and the project's hostile samples): no crash, no trap, well under 5 s, and a sensible result.
final class HostileInputTests: XCTestCase {
    private enum Outcome: Equatable {
        case items(Int)
        case atLeast(Int)
        case error
    }

    /// What each file must yield. Items before a truncation are kept; entity and XXE tricks change nothing.
    private let expectations: [String: Outcome] = [
        "defusedxml__cyclic.xml": .error, "defusedxml__external_file.xml": .error,
        "defusedxml__quadratic.xml": .error, "defusedxml__xmlbomb.xml": .error,
        "gen__bigint_hn.json": .items(1), "gen__billion_laughs_rss.xml": .items(2),
        "gen__deep_nested_jsonfeed.json": .items(1), "gen__deep_nested_xml_atom.xml": .items(1),
        "gen__huge_content_mastodon.json": .items(1), "gen__huge_title_rss.xml": .items(2),
        "gen__invalid_utf8_DaringFireball.jsonfeed.json": .atLeast(40),
        "gen__invalid_utf8_TechCrunch.rss.xml": .items(20),
        "gen__nul_and_control_chars_google_alerts.atom.xml": .items(20), "gen__quadratic_blowup_rss.xml": .items(2),
        "gen__truncated_half_scriptingNews.rss.xml": .atLeast(20), "gen__truncated_mastodon_timeline.json": .atLeast(1),
        "gen__truncated_mid_utf8_russcox.atom.xml": .atLeast(1), "gen__truncated_reddit_listing.json": .atLeast(20),
        "gen__utf16le_bom_declared_utf8_rss.xml": .items(1), "gen__xxe_file_rss.xml": .items(1),
        "gen__xxe_parameter_entity_rss.xml": .items(1), "jsontestsuite__i_number_huge_exp.json": .error,
        "jsontestsuite__i_string_UTF-16LE_with_BOM.json": .error, "jsontestsuite__i_string_invalid_utf-8.json": .error,
        "jsontestsuite__i_string_lone_second_surrogate.json": .error,
        "jsontestsuite__i_structure_500_nested_arrays.json": .error, "jsontestsuite__n_array_invalid_utf8.json": .error,
        "jsontestsuite__n_array_unclosed.json": .error, "jsontestsuite__n_object_unterminated-value.json": .error,
        "jsontestsuite__n_structure_100000_opening_arrays.json": .error,
        "jsontestsuite__n_structure_null-byte-outside-string.json": .error,
        "node-feedparser__invalid-characters-gzipped.xml.gz-bytes": .error, "node-feedparser__notafeed.html": .error,
    ]

    func testEveryHostileFile() throws {
        let folder = try DecodingCorpus.requireBench().appendingPathComponent("hostile")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "gen_hostile.py" }
        XCTAssertEqual(Set(names), Set(expectations.keys), "hostile/ changed: update the expectations")
        for name in names.sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let start = Date()
            let result = Result { () throws(DecodeError) in try FeedDecoder.decode(data, format: .auto) }
            let elapsed = Date().timeIntervalSince(start)
            XCTAssertLessThan(elapsed, 5, name)
            switch (expectations[name], result) {
            case (.items(let count), .success(let feed)): XCTAssertEqual(feed.items.count, count, name)
            case (.atLeast(let count), .success(let feed)): XCTAssertGreaterThanOrEqual(feed.items.count, count, name)
            case (.error, .failure(let error)): XCTAssertFalse(error.description.isEmpty)
            case (let expected, let actual): XCTFail("\(name): expected \(String(describing: expected)), got \(actual)")
            }
        }
    }

    /// A hostile fixture sample (the large ones are built by `HostileDocuments`).
    private func decode(_ name: String) throws -> DecodedFeed {
        try FeedDecoder.decode(DecodingCorpus.data("hostile/" + name), format: .auto)
    }

    func testEntitiesAreNeverExpanded() throws {
        for name in ["gen__billion_laughs_rss.xml", "gen__quadratic_blowup_rss.xml"] {
            let feed = try decode(name)
            let size = feed.items.reduce(0) { $0 + $1.text.utf8.count + ($1.title?.utf8.count ?? 0) }
            XCTAssertLessThan(size, 100_000, name)  // expanded, these would be gigabytes
        }
    }

    func testExternalEntitiesAreNeverRead() throws {
        let feed = try decode("gen__xxe_file_rss.xml")
        let text = feed.items.map { ($0.title ?? "") + $0.text }.joined()
        XCTAssertFalse(text.contains("root:"), "XXE read /etc/passwd")
    }

    func testTruncatedDocumentsKeepTheCompleteItemsAndSaySo() throws {
        let rss = try decode("gen__truncated_half_scriptingNews.rss.xml")
        XCTAssertTrue(rss.problems.contains { $0.contains("truncated") }, "\(rss.problems)")
        let reddit = try decode("gen__truncated_reddit_listing.json")
        XCTAssertTrue(reddit.problems.contains { $0.contains("truncated") }, "\(reddit.problems)")
        XCTAssertTrue(reddit.items.allSatisfy { $0.id?.hasPrefix("t3_") == true || $0.id?.hasPrefix("t1_") == true })
        let atom = try FeedDecoder.decode(HostileDocuments.truncatedMidUTF8Atom(), format: .auto)
        XCTAssertGreaterThanOrEqual(atom.items.count, 1)
        XCTAssertFalse(atom.items.contains { $0.text.contains("\u{FFFD}") })
    }

    func testHugeFieldsAreCappedAndReported() throws {
        let documents = ["huge title": HostileDocuments.hugeTitleRSS(), "huge content": HostileDocuments.hugeContentMastodon()]
        for (name, data) in documents {
            let feed = try FeedDecoder.decode(data, format: .auto)
            XCTAssertTrue(feed.items.allSatisfy { $0.text.utf8.count <= PlainText.maxFieldBytes }, name)
            XCTAssertTrue(feed.items.allSatisfy { ($0.title?.utf8.count ?? 0) <= PlainText.maxFieldBytes }, name)
            XCTAssertTrue(feed.problems.contains { $0.contains("64 KiB") }, "\(name): \(feed.problems)")
        }
    }

    func testControlCharactersAreRemovedAndUTF16IsRead() throws {
        let atom = try decode("gen__nul_and_control_chars_google_alerts.atom.xml")
        for item in atom.items {
            let scalars = Array((item.title ?? "").unicodeScalars) + Array(item.text.unicodeScalars)
            let controls = scalars.filter { (scalar: Unicode.Scalar) in
                scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
            }
            XCTAssertEqual(controls.count, 0, item.text)
        }
        let utf16 = try decode("gen__utf16le_bom_declared_utf8_rss.xml")
        XCTAssertEqual(utf16.items.first?.title, "café — über")
    }

    func testNestingIsBounded() throws {
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        XCTAssertThrowsError(try FeedDecoder.decode(deep, format: .jsonfeed))
        let xml =
            "<rss><channel><item><title>t</title>" + String(repeating: "<x>", count: 200_000)
            + "</item></channel></rss>"
        XCTAssertEqual(try FeedDecoder.decode(Data(xml.utf8), format: .auto).items.count, 1)
        let feed = try FeedDecoder.decode(HostileDocuments.deepNestedJSONFeed(), format: .auto)
        XCTAssertTrue(feed.problems.contains { $0.contains("nested deeper") }, "\(feed.problems)")
    }

    func testNotAFeedErrorsSayWhatWasFound() throws {
        XCTAssertThrowsError(try decode("node-feedparser__notafeed.html")) { error in
            XCTAssertTrue("\(error)".contains("an HTML page"), "\(error)")
        }
        XCTAssertThrowsError(try decode("node-feedparser__invalid-characters-gzipped.xml.gz-bytes")) { error in
            XCTAssertTrue("\(error)".contains("gzip"), "\(error)")
        }
        XCTAssertThrowsError(try FeedDecoder.decode(Data(), format: .auto)) { error in
            XCTAssertEqual(error as? DecodeError, .empty)
        }
    }

    /// Inputs shaped to make a naive scanner quadratic: unclosed quotes in tags, floods of stray end tags under
    /// deep nesting, lone `<`. Each must finish (the 5 s bound is the hostile-input rule, far above normal).
    func testAdversarialShapesStayLinear() throws {
        let n = 300_000
        let documents = [
            "<rss><channel><item><description>" + String(repeating: "&lt;a \"", count: n / 8)
                + "</description></item></channel></rss>",
            "<rss><channel><item>" + String(repeating: "<a>", count: 600) + String(repeating: "</b>", count: n / 4)
                + "</item></channel></rss>",
            "<rss><channel><item><title>" + String(repeating: "<", count: n) + "</title></item></channel></rss>",
            "<rss><channel><item><description>" + String(repeating: "&lt;!--", count: n / 7)
                + "</description></item></channel></rss>",
            "<rss><channel><item><link href=\"" + String(repeating: "&amp;", count: n / 5)
                + "\"/></item></channel></rss>",
        ]
        for document in documents {
            let start = Date()
            let feed = try FeedDecoder.decode(Data(document.utf8), format: .auto)
            XCTAssertEqual(feed.items.count, 1)
            XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        }
    }
}
