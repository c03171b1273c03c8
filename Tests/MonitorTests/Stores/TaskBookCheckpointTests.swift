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

    /// The checkpoint is JSON lines: a header that counts the tasks, then a task a line, in the book's order (the
    /// ledger read back is the one saved, loadBook's book too); a file that lost task lines or its last newline, or
    /// whose lines disagree with the header's order, is passed over, never taken for a smaller book.
    func testTheCheckpointIsAHeaderAndATaskALineAndACutOneIsNotUsed() throws {
        try journal.append(events)
        let ledger = TaskLedger(events: events)
        try checkpoint.save(ledger, coveringJournal: journal, upTo: try size())
        let data = try Data(contentsOf: checkpoint.url)
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, ledger.book.tasks.count + 2, "a header, a line per task, the final newline")
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0])) as? [String: Any])
        XCTAssertEqual(header["tasks"] as? Int, ledger.book.tasks.count)
        XCTAssertEqual(header["version"] as? Int, TaskBookCheckpoint.version)
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any])
        XCTAssertEqual(second["id"] as? String, ledger.book.tasks.first?.id)
        let loaded = try checkpoint.load(journal)
        XCTAssertTrue(loaded.fromCheckpoint)
        XCTAssertEqual(try bytes(loaded.ledger), try bytes(ledger))
        XCTAssertEqual(try bytes(try checkpoint.loadBook(journal)), try bytes(ledger.book))

        let cuts: [(String, Data)] = [
            ("a task line lost", Data(lines.dropLast(2).joined(separator: [0x0A])) + [0x0A]),
            ("the last newline lost", data.dropLast()),
            ("two task lines swapped", Data(([lines[0], lines[2], lines[1]] + lines.dropFirst(3)).joined(separator: [0x0A]))),
        ]
        for (what, cut) in cuts {
            try cut.write(to: checkpoint.url)
            XCTAssertNil(try? checkpoint.current(journal), what)
            let rebuilt = try checkpoint.load(journal)
            XCTAssertFalse(rebuilt.fromCheckpoint, what)
            XCTAssertEqual(try bytes(rebuilt.ledger), try bytes(ledger), what)
        }
    }

    /// A checkpoint of the former layout (one JSON document in `tasks-checkpoint.json`) is not read; the next save
    /// writes the lines and removes it, so no stale copy of the tasks stays behind.
    func testTheFormerSingleDocumentIsPassedOverAndRemoved() throws {
        try journal.append(events)
        try AtomicFile.ensureFolder(checkpoint.url.deletingLastPathComponent())
        try JournalCoding.encoder.encode(["version": 3]).write(to: checkpoint.formerURL)
        XCTAssertFalse(try checkpoint.load(journal).fromCheckpoint)
        try checkpoint.save(TaskLedger(events: events), coveringJournal: journal, upTo: try size())
        XCTAssertFalse(FileManager.default.fileExists(atPath: checkpoint.formerURL.path))
        XCTAssertTrue(try checkpoint.load(journal).fromCheckpoint)
    }

    func testTheSameBookEncodesToTheSameBytes() throws {
        XCTAssertEqual(try bytes(TaskBook(events: events)), try bytes(TaskBook(events: events)))
        let decoded = try JournalCoding.decoder.decode(TaskBook.self, from: try bytes(TaskBook(events: events)))
        XCTAssertEqual(try bytes(decoded), try bytes(TaskBook(events: events)))
    }
}
