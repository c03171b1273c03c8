import ReputationCore
import XCTest

@testable import Monitor

/// Issue 19: the task book kept as a checkpoint and brought up to date from the journal's tail gives the same
/// book as folding the whole journal; a missing, damaged or stale checkpoint is rebuilt from the journal.
final class TaskBookCheckpointTests: XCTestCase {
    private var folder: URL!
    private var journal: JournalFile!
    private var checkpoint: TaskBookCheckpoint!
    private var events: [JournalEvent] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-checkpoint-\(UUID().uuidString)")
        journal = JournalFile(url: folder.appendingPathComponent("journal.jsonl"))
        checkpoint = TaskBookCheckpoint(alertsFolder: folder)
        events = ViewFixtures.journal(for: ViewFixtures.weekOfMentions())
        XCTAssertGreaterThan(events.count, 10)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func bytes(_ book: TaskBook) throws -> Data { try JournalCoding.encoder.encode(book) }
    private func bytes(_ ledger: TaskLedger) throws -> Data { try JournalCoding.encoder.encode(ledger) }

    private func size() throws -> Int {
        try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as? Int)
    }

    func testCheckpointAndTailGiveTheSameBookAsTheWholeJournal() throws {
        let half = events.count / 2
        try journal.append(Array(events[..<half]))
        try checkpoint.save(TaskLedger(events: Array(events[..<half])), coveringJournal: journal, upTo: try size())
        try journal.append(Array(events[half...]))
        let loaded = try checkpoint.load(journal)
        XCTAssertTrue(loaded.fromCheckpoint)
        XCTAssertEqual(loaded.end, try size())
        XCTAssertEqual(try bytes(loaded.book), try bytes(TaskBook(events: events)), "checkpoint + tail = whole fold")
        XCTAssertEqual(loaded.book.tasks.map(\.state), TaskBook(events: events).tasks.map(\.state))
    }

    func testAMissingDamagedOrStaleCheckpointIsRebuiltFromTheJournal() throws {
        try journal.append(events)
        let whole = try bytes(TaskBook(events: events))
        var loaded = try checkpoint.load(journal)
        XCTAssertFalse(loaded.fromCheckpoint, "none yet")
        XCTAssertEqual(try bytes(loaded.book), whole)

        try AtomicFile.ensureFolder(checkpoint.url.deletingLastPathComponent())
        try Data("{not a checkpoint".utf8).write(to: checkpoint.url)
        loaded = try checkpoint.load(journal)
        XCTAssertFalse(loaded.fromCheckpoint, "damaged")
        XCTAssertEqual(try bytes(loaded.book), whole)

        // A checkpoint of another journal (restored from a backup, replaced): its digest does not match.
        try checkpoint.save(TaskLedger(events: Array(events.prefix(3))), coveringJournal: journal, upTo: try size())
        try FileManager.default.removeItem(at: journal.url)
        try journal.append(Array(events.reversed()))
        loaded = try checkpoint.load(journal)
        XCTAssertFalse(loaded.fromCheckpoint, "stale: the bytes it covered changed")
        XCTAssertEqual(try bytes(loaded.book), try bytes(TaskBook(events: Array(events.reversed()))))

        // A checkpoint beyond the journal's end (the journal was cut back).
        let end = try size()
        try checkpoint.save(TaskLedger(events: events), coveringJournal: journal, upTo: end)
        try FileManager.default.removeItem(at: journal.url)
        try journal.append(Array(events.prefix(4)))
        loaded = try checkpoint.load(journal)
        XCTAssertFalse(loaded.fromCheckpoint, "beyond the end")
        XCTAssertEqual(try bytes(loaded.book), try bytes(TaskBook(events: Array(events.prefix(4)))))
    }

    func testTheSameBookEncodesToTheSameBytes() throws {
        XCTAssertEqual(try bytes(TaskBook(events: events)), try bytes(TaskBook(events: events)))
        let decoded = try JournalCoding.decoder.decode(TaskBook.self, from: try bytes(TaskBook(events: events)))
        XCTAssertEqual(try bytes(decoded), try bytes(TaskBook(events: events)))
    }
}
