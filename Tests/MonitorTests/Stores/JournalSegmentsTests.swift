import ReputationCore
import XCTest

@testable import Monitor

/// Issue 19: the journal rolls into sealed monthly segments, never rewritten; the checkpoint follows the roll, and
/// the fold from every segment is the fold of all the events.
final class JournalSegmentsTests: XCTestCase {
    func testAPollInANewMonthSealsTheSegmentAndTheCheckpointFollows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-segments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let segments = JournalSegments(alertsFolder: folder)
        let events = ViewFixtures.journal(for: ViewFixtures.weekOfMentions())  // November 2026
        let half = events.count / 2
        try segments.current.append(Array(events[..<half]))
        let size = { () throws -> Int in
            try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: segments.current.url.path)[.size] as? Int)
        }
        let lock = try RunLock(alertsFolder: folder, now: ViewFixtures.now)
        let november = try size()
        XCTAssertNil(try segments.sealIfNewMonth(now: ViewFixtures.now, coveredUpTo: november, holding: lock), "same month")
        let december = ISOTime.parse("2026-12-01T00:05:00Z")!
        XCTAssertNil(try segments.sealIfNewMonth(now: december, coveredUpTo: november - 1, holding: lock),
                     "not sealed unless the caller's fold covers all of it")
        let sealedBytes = try Data(contentsOf: segments.current.url)
        XCTAssertEqual(try segments.sealIfNewMonth(now: december, coveredUpTo: november, holding: lock), "000001-2026-11.jsonl")
        XCTAssertFalse(FileManager.default.fileExists(atPath: segments.current.url.path))
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("journal/000001-2026-11.jsonl")), sealedBytes,
                       "sealed whole and unchanged")
        let checkpoint = TaskBookCheckpoint(alertsFolder: folder)
        try checkpoint.save(TaskLedger(events: Array(events[..<half])), coveringJournal: segments.current, upTo: 0)
        try segments.current.append(Array(events[half...]))

        let whole = try JournalCoding.encoder.encode(TaskLedger(events: events))
        XCTAssertEqual(try segments.readAll().map(\.id), events.map(\.id))
        let loaded = try checkpoint.load(segments.current)
        XCTAssertTrue(loaded.fromCheckpoint)
        XCTAssertEqual(try JournalCoding.encoder.encode(loaded.ledger), whole, "checkpoint at the new segment + its tail")
        try FileManager.default.removeItem(at: checkpoint.url)
        let rebuilt = try checkpoint.load(segments.current)
        XCTAssertFalse(rebuilt.fromCheckpoint)
        XCTAssertEqual(try JournalCoding.encoder.encode(rebuilt.ledger), whole, "rebuilt from every segment")
        // A checkpoint written before a seal (a crash between sealing and moving the checkpoint) is not used.
        try checkpoint.save(TaskLedger(events: events), coveringJournal: segments.current, upTo: try size())
        XCTAssertEqual(try segments.sealIfNewMonth(now: ISOTime.parse("2027-01-01T00:05:00Z")!, coveredUpTo: try size(),
                                                   holding: lock), "000002-2026-11.jsonl")
        let afterSeal = try checkpoint.load(segments.current)
        XCTAssertFalse(afterSeal.fromCheckpoint, "the checkpoint names other segments")
        XCTAssertEqual(try JournalCoding.encoder.encode(afterSeal.ledger), whole)
    }

    /// A reply's history reads the segments that may hold events since its task was filed, no older ones.
    func testReadingSinceADateSkipsOnlySegmentsThatEndedBeforeIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-segments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let segments = JournalSegments(alertsFolder: folder)
        let events = ViewFixtures.journal(for: ViewFixtures.weekOfMentions())
        XCTAssertGreaterThanOrEqual(events.count, 3)
        let lock = try RunLock(alertsFolder: folder, now: ViewFixtures.now)
        // Three segments: one begun in October, one in November, then the current one.
        for (event, month) in zip(events.prefix(2), ["2026-11-01T00:05:00Z", "2026-12-01T00:05:00Z"]) {
            var dated = event
            dated.at = ISOTime.parse(month)!.addingTimeInterval(-86_400 * 20)
            try segments.current.append([dated])
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: segments.current.url.path)[.size] as? Int)
            XCTAssertNotNil(try segments.sealIfNewMonth(now: ISOTime.parse(month)!, coveredUpTo: size, holding: lock))
        }
        try segments.current.append([events[2]])
        XCTAssertEqual(segments.sealed().count, 2)
        let all = try segments.readAll().map(\.id)
        XCTAssertEqual(try segments.read(since: ISOTime.parse("2026-09-01T00:00:00Z")!).map(\.id), all)
        XCTAssertEqual(try segments.read(since: ISOTime.parse("2026-11-15T00:00:00Z")!).map(\.id), all,
                       "October's segment may hold November's first events (sealed at November's first poll)")
        XCTAssertEqual(try segments.read(since: ISOTime.parse("2026-12-15T00:00:00Z")!).map(\.id), Array(all.dropFirst()))
    }
}
