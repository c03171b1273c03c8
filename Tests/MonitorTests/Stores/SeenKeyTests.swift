import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The seen store holds Vigía's own ids as numbers and gives back exactly the texts it was given.
final class SeenKeyTests: XCTestCase {
    private let day: TimeInterval = 86_400
    private let start = ISOTime.parse("2026-11-01T10:00:00Z")!

    func testEveryFormRoundTripsThroughTheFileWithItsDay() throws {
        let own = "m-" + StableHash.hex(of: "post one")
        let ids = [
            own, StableHash.hex(of: "text key"), MentionSource.key(mention: own, source: "x-search"),
            MentionSource.key(mention: own, source: "tag feed \u{1F}odd"), "m-" + StableHash.hex(of: "b").uppercased(),
            "m-0000000000000000", "0000000000000001", "m-123", "m-00000000000000001", "yt:abc\u{1F}feed",
            MentionSource.key(mention: "m-12", source: "x-search"), "",
        ]
        var seen = SeenMentions()
        for (index, id) in ids.enumerated() {
            XCTAssertTrue(seen.insert(id, recordedAt: start.addingTimeInterval(Double(index) * day)), id)
        }
        XCTAssertFalse(seen.insert(own, recordedAt: start.addingTimeInterval(40 * day)), "first seen day kept")
        XCTAssertEqual(seen.count, ids.count)
        let file = try JournalCoding.encoder.encode(seen)
        let reloaded = try JournalCoding.decoder.decode(SeenMentions.self, from: file)
        XCTAssertEqual(reloaded, seen)
        for (index, id) in ids.enumerated() {
            XCTAssertEqual(reloaded.day(of: id), SeenMentions.day(start.addingTimeInterval(Double(index) * day)), id)
        }
        // The form written before (each day a list of the ids' texts) reads as the same store.
        var listed: [String: [String]] = [:]
        for (index, id) in ids.enumerated() {
            listed[String(ISOTime.format(start.addingTimeInterval(Double(index) * day)).prefix(10)), default: []].append(id)
        }
        let older = try JournalCoding.encoder.encode(["days": listed])
        XCTAssertEqual(try JournalCoding.decoder.decode(SeenMentions.self, from: older), seen)
        // Near misses of the compact forms are other ids.
        for other in ["m-" + StableHash.hex(of: "post two"), own.uppercased(), String(own.dropFirst(2)),
                      MentionSource.key(mention: own, source: "other-feed"), MentionSource.key(mention: own, source: "")]
        {
            XCTAssertFalse(reloaded.contains(other), other)
        }
    }

    func testForgettingAndDatingWorkOnCompactIds() throws {
        var seen = SeenMentions()
        for index in 0..<100 {
            seen.insert("m-" + StableHash.hex(of: "\(index)"), recordedAt: start.addingTimeInterval(Double(index % 10) * day))
        }
        XCTAssertEqual(seen.forget(before: start.addingTimeInterval(5 * day)), 50)
        XCTAssertTrue(seen.contains("m-" + StableHash.hex(of: "9")))
        XCTAssertFalse(seen.contains("m-" + StableHash.hex(of: "0")))
    }
}
