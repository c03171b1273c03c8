import ReputationCore
import XCTest

@testable import Monitor

/// A poll reads the journal once and then only what was appended since, and ends with the same events as a
/// fresh read.
final class JournalSnapshotTests: XCTestCase {
    func testCatchUpReadsOnlyTheAppendedTailAndMatchesAFreshRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
        let mentions = ViewFixtures.weekOfMentions()
        let events = ViewFixtures.journal(for: mentions)
        XCTAssertGreaterThan(events.count, 10)
        let half = events.count / 2
        try journal.append(Array(events[..<half]))

        var snapshot = try JournalSnapshot(journal)
        XCTAssertEqual(snapshot.book.tasks.count, TaskBook(events: Array(events[..<half])).tasks.count)
        try journal.append(Array(events[half...]))
        try snapshot.catchUp(journal)
        XCTAssertEqual(snapshot.eventsAppended, events.count - half)
        XCTAssertEqual(snapshot.book.tasks.count, TaskBook(events: events).tasks.count)
        try snapshot.catchUp(journal)
        XCTAssertEqual(snapshot.eventsAppended, events.count - half, "nothing new, nothing added")
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as? Int)
        XCTAssertEqual(snapshot.bytesRead, size, "every byte read once: the catch-ups read only the tail")
        XCTAssertEqual(snapshot.reads, 3)
        let fresh = TaskBook(events: events)
        XCTAssertEqual(snapshot.book.tasks.map(\.id), fresh.tasks.map(\.id), "the book folded event by event is the fresh fold")
        XCTAssertEqual(snapshot.book.tasks.map(\.state), fresh.tasks.map(\.state))
        XCTAssertEqual(snapshot.book.tasks.map(\.updatedAt), fresh.tasks.map(\.updatedAt))
    }

    func testACheckpointPastTheEndOrMidLineIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
        try journal.append(Array(ViewFixtures.journal(for: ViewFixtures.weekOfMentions()).prefix(3)))
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as? Int)
        XCTAssertThrowsError(try journal.read(JournalEvent.self, from: size + 10))
        XCTAssertThrowsError(try journal.read(JournalEvent.self, from: 5)) { error in
            XCTAssertTrue("\(error)".contains("checkpoint 5 is not at a line boundary"), "\(error)")
        }
    }

    func testReadEndIsTheOffsetAfterTheLastCompleteLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
        try journal.append(Array(ViewFixtures.journal(for: ViewFixtures.weekOfMentions()).prefix(3)))
        let size = try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as? Int
        XCTAssertEqual(try journal.read(JournalEvent.self).end, size)
        XCTAssertEqual(try journal.read(JournalEvent.self, from: size ?? 0).records, [])
    }
}
