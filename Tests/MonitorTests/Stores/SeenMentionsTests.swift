import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The seen store forgets by date, never by count (issue 13 item 14): past 220,000 distinct ids in the feeds'
/// windows the old bound forgot ids still served, and they came back as new.
final class SeenMentionsTests: XCTestCase {
    private let day: TimeInterval = 86_400
    private let start = Date(timeIntervalSince1970: 1_795_000_000)

    func testMoreIdsThanTheOldCapAreAllRememberedAcrossASave() throws {
        var seen = SeenMentions()
        let total = 240_000  // the old store kept at most 220,000 before cutting back to 200,000
        for index in 0..<total { seen.insert("m-\(index)", recordedAt: start.addingTimeInterval(Double(index % 10) * day)) }
        XCTAssertEqual(seen.count, total)
        XCTAssertTrue(seen.contains("m-0"), "the first id still served was forgotten")
        XCTAssertFalse(seen.insert("m-1", recordedAt: start), "an id still served came back as new")
        let reloaded = try JournalCoding.decoder.decode(SeenMentions.self, from: JournalCoding.encoder.encode(seen))
        XCTAssertEqual(reloaded, seen)
        XCTAssertEqual(reloaded.day(of: "m-3"), SeenMentions.day(start.addingTimeInterval(3 * day)))
    }

    func testForgetsOnlyDaysBeforeTheHorizon() {
        var seen = SeenMentions()
        for offset in 0..<10 { seen.insert("m-\(offset)", recordedAt: start.addingTimeInterval(Double(offset) * day + 3600)) }
        XCTAssertEqual(seen.forget(before: start.addingTimeInterval(4 * day + 7200)), 4)
        XCTAssertEqual((0..<10).filter { seen.contains("m-\($0)") }, Array(4..<10), "the horizon's own day is kept")
    }

    func testAStateFromBeforeDaysReadsUndatedKeepsEverythingAndThenAges() throws {
        let old = Data(#"{"order":["m-a","m-b"]}"#.utf8)
        var seen = try JournalCoding.decoder.decode(SeenMentions.self, from: old)
        XCTAssertTrue(seen.contains("m-a") && seen.contains("m-b"))
        XCTAssertEqual(seen.forget(before: start.addingTimeInterval(1000 * day)), 0, "undated ids are never dropped")
        let again = try JournalCoding.decoder.decode(SeenMentions.self, from: JournalCoding.encoder.encode(seen))
        XCTAssertEqual(again, seen, "undated ids survive a save")
        seen.dateUndated(as: start)
        XCTAssertEqual(seen.day(of: "m-a"), SeenMentions.day(start))
        XCTAssertEqual(seen.forget(before: start.addingTimeInterval(day)), 2)
    }

    /// A later source is recorded once per (mention, feed) however many other pairs the store holds: the pairs of
    /// posts still served are never forgotten, so `sources.jsonl` does not grow by re-recording them.
    func testLaterSourcesAreNotReRecordedPastTheOldCap() throws {
        var seenSources = SeenMentions()
        let first = MentionSource.key(mention: "m-first", source: "tag")
        seenSources.insert(first, recordedAt: start)
        for index in 0..<230_000 {
            seenSources.insert(MentionSource.key(mention: "m-\(index)", source: "tag"), recordedAt: start.addingTimeInterval(day))
        }
        XCTAssertFalse(seenSources.insert(first, recordedAt: start), "the pair would be recorded in sources.jsonl again")
    }

    /// The file form keeps own ids, text keys and pairs as runs of hex digits (`SeenDay`), sorted: the same ids give
    /// the same bytes, and a damaged run is refused with what is wrong rather than read as other ids.
    func testThePackedFormIsStableAndADamagedRunIsNamed() throws {
        var seen = SeenMentions()
        let own = "m-00ff00ff00ff00ff"
        for (offset, id) in [own, "0123456789abcdef", MentionSource.key(mention: own, source: "x"), "yt:abc"].enumerated() {
            seen.insert(id, recordedAt: start.addingTimeInterval(Double(offset % 2) * day))
        }
        let data = try JournalCoding.encoder.encode(seen)
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains(own), "own ids are packed, not listed")
        let reloaded = try JournalCoding.decoder.decode(SeenMentions.self, from: data)
        XCTAssertEqual(try JournalCoding.encoder.encode(reloaded), data, "the same ids give the same bytes")
        let day = String(ISOTime.format(start).prefix(10))
        for damaged in [#"{"ids":"00ff"}"#, #"{"ids":"00ff00ff00ff00fG"}"#, #"{"pairs":{"x":"123"}}"#] {
            let file = Data(#"{"days":{"\#(day)":\#(damaged)}}"#.utf8)
            XCTAssertThrowsError(try JournalCoding.decoder.decode(SeenMentions.self, from: file), damaged) { error in
                XCTAssertTrue(String(describing: error).contains("seen ids"), "\(error)")
            }
        }
    }
}
