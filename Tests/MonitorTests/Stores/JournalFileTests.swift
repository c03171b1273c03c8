import ReputationCore
import XCTest
@testable import Monitor

final class JournalFileTests: XCTestCase {
    struct Record: Codable, Equatable, Sendable {
        var n: Int
        var at: Date
    }

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-journal-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A long batch is encoded in slices on every core: the lines are the same bytes, in the same order, as one by one.
    func testALongBatchIsWrittenAsTheSameLinesInOrder() throws {
        let start = ISOTime.parse("2026-11-23T10:00:00Z")!
        let records = (0..<3001).map { Record(n: $0, at: start.addingTimeInterval(Double($0))) }
        var expected = Data()
        for record in records {
            expected.append(try JournalCoding.encoder.encode(record))
            expected.append(0x0A)
        }
        XCTAssertEqual(try JournalCoding.lines(records), expected)
        let journal = JournalFile(url: folder.appendingPathComponent("long.jsonl"))
        try journal.append(records)
        XCTAssertEqual(try Data(contentsOf: journal.url), expected)
        XCTAssertEqual(try journal.read(Record.self).records, records)
    }

    func testAppendsAndReadsBackInOrder() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        let at = ISOTime.parse("2026-11-23T10:00:00Z")!
        try journal.append([Record(n: 1, at: at), Record(n: 2, at: at)])
        try journal.append([Record(n: 3, at: at)])
        let read = try journal.read(Record.self)
        XCTAssertEqual(read.records.map(\.n), [1, 2, 3])
        XCTAssertEqual(read.unfinished, 0)
        let text = try String(contentsOf: journal.url, encoding: .utf8)
        XCTAssertTrue(text.contains(#""at":"2026-11-23T10:00:00Z""#), text)
        let mode = try FileManager.default.attributesOfItem(atPath: journal.url.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    /// Issue 13 item 1: a reader met a poll's append half-way and cut the journal. Reading never writes: the
    /// unfinished tail (here a whole record whose newline is not written yet, and then half a record) stays.
    func testReadingNeverModifiesTheFile() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        try journal.append([Record(n: 1, at: Date(timeIntervalSince1970: 0))])
        for tail in [#"{"at":"1970-01-01T00:00:00Z","n":2}"#, #"{"n":2,"at":"2026-1"#] {
            let before = try Data(contentsOf: journal.url) + Data(tail.utf8)
            try before.write(to: journal.url)
            let read = try journal.read(Record.self)
            XCTAssertEqual(read.records.map(\.n), [1], "only complete lines are records")
            XCTAssertEqual(read.unfinished, tail.utf8.count)
            XCTAssertEqual(try Data(contentsOf: journal.url), before, "a reader changed the file")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["j.jsonl"])
            try Data(before.dropLast(tail.utf8.count)).write(to: journal.url)
        }
    }

    func testTheLockHolderSetsATornTailAsideAndReportsIt() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        try journal.append([Record(n: 1, at: Date(timeIntervalSince1970: 0))])
        let handle = try FileHandle(forWritingTo: journal.url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"n":2,"at":"2026-1"#.utf8))
        handle.closeFile()
        let lock = try RunLock(alertsFolder: folder, now: Date(timeIntervalSince1970: 0))
        let note = try journal.settleTail(Record.self, holding: lock)
        XCTAssertTrue(note?.contains("torn last line") == true, note ?? "nil")
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".torn-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(aside[0]), encoding: .utf8), #"{"n":2,"at":"2026-1"#)
        // The next append lands on a clean line, and settling again finds nothing to do.
        try journal.append([Record(n: 3, at: Date(timeIntervalSince1970: 0))])
        XCTAssertEqual(try journal.read(Record.self).records.map(\.n), [1, 3])
        XCTAssertNil(try journal.settleTail(Record.self, holding: lock))
    }

    /// A last record that lost only its newline is a whole record: kept (newline added), not thrown away.
    func testACompleteLastRecordWithoutNewlineIsKept() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        try journal.append([Record(n: 1, at: Date(timeIntervalSince1970: 0))])
        let handle = try FileHandle(forWritingTo: journal.url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"at":"1970-01-01T00:00:00Z","n":2}"#.utf8))
        handle.closeFile()
        let lock = try RunLock(alertsFolder: folder, now: Date(timeIntervalSince1970: 0))
        let note = try journal.settleTail(Record.self, holding: lock)
        XCTAssertTrue(note?.contains("kept") == true, note ?? "nil")
        XCTAssertEqual(try journal.read(Record.self).records.map(\.n), [1, 2])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".torn-") }, [])
    }

    func testDamageInTheMiddleIsAnErrorNotSkipped() throws {
        let url = folder.appendingPathComponent("j.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"n\":1,\"at\":\"2026-11-23T10:00:00Z\"}\ngarbage\n{\"n\":3,\"at\":\"2026-11-23T10:00:00Z\"}\n".utf8).write(to: url)
        XCTAssertThrowsError(try JournalFile(url: url).read(Record.self)) { error in
            XCTAssertEqual((error as? StoreError).map { if case .corrupt(_, let line, _) = $0 { return line } else { return -1 } }, 2)
        }
    }

    /// A long journal is decoded in chunks of lines on every core: a damaged line far in names its own number (blank
    /// lines counted), the first of two damaged lines in different chunks is the one named, and the records of an
    /// intact long file come back whole and in order.
    func testDamageFarIntoALongJournalNamesItsLine() throws {
        let url = folder.appendingPathComponent("long.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let line = { (n: Int) in "{\"n\":\(n),\"at\":\"2026-11-23T10:00:00Z\"}" }
        var lines = (1...3000).map(line)
        lines.insert("", at: 10)  // a blank line: counted in the numbering, not a record
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        XCTAssertEqual(try JournalFile(url: url).read(Record.self).records.map(\.n), Array(1...3000))
        lines[1899] = "{\"n\":"
        lines[2699] = "garbage"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        XCTAssertThrowsError(try JournalFile(url: url).read(Record.self)) { error in
            XCTAssertEqual((error as? StoreError).map { if case .corrupt(_, let line, _) = $0 { return line } else { return -1 } }, 1900)
        }
    }

    /// Read a block at a time, with blocks smaller than a line, of a line, and larger: every block size gives the
    /// same records in order, the same end and unfinished tail, a line far longer than the block whole, and a damaged
    /// line's number counted across blocks (from the checkpoint's offset, as a whole read counts it).
    func testBlocksOfAnySizeReadTheSameLines() throws {
        let url = folder.appendingPathComponent("blocks.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let line = { (n: Int) in "{\"n\":\(n),\"at\":\"2026-11-23T10:00:00Z\"}" }
        var lines = (1...40).map(line)
        lines.insert("", at: 5)
        lines[20] = "{\"n\":20,\"at\":\"2026-11-23T10:00:00Z\",\"pad\":\"" + String(repeating: "x", count: 500) + "\"}"
        let text = lines.joined(separator: "\n") + "\n" + "{\"n\":41,"  // a line being appended
        try Data(text.utf8).write(to: url)
        let journal = JournalFile(url: url)
        let whole = try journal.read(Record.self)
        XCTAssertEqual(whole.records.map(\.n), Array(1...40))
        let offset = Data((lines.prefix(10).joined(separator: "\n") + "\n").utf8).count
        for size in [1, 7, 40, 41, 64, 499, 4096, 1 << 20] {
            var blocks: [[Int]] = []
            let read = try journal.forEachBlock(Record.self, blockBytes: size) { blocks.append($0.map(\.n)) }
            XCTAssertEqual(blocks.flatMap { $0 }, Array(1...40), "block of \(size)")
            XCTAssertEqual(read.end, whole.end, "block of \(size)")
            XCTAssertEqual(read.unfinished, 8, "block of \(size)")
            var tail: [Int] = []
            _ = try journal.forEachBlock(Record.self, from: offset, blockBytes: size) { tail += $0.map(\.n) }
            XCTAssertEqual(tail, Array(10...40), "block of \(size)")
        }
        lines[30] = "garbage"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        for size in [1, 40, 1 << 20] {
            XCTAssertThrowsError(try journal.forEachBlock(Record.self, from: offset, blockBytes: size) { _ in }) { error in
                XCTAssertEqual((error as? StoreError).map { if case .corrupt(_, let line, _) = $0 { return line } else { return -1 } }, 21)
            }
        }
        XCTAssertThrowsError(try journal.forEachBlock(Record.self, from: offset + 1, blockBytes: 40) { _ in })
        XCTAssertThrowsError(try journal.forEachBlock(Record.self, from: 1 << 20, blockBytes: 40) { _ in })
    }

    func testReadingFromACheckpoint() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        try journal.append([Record(n: 1, at: Date(timeIntervalSince1970: 0))])
        let size = try FileManager.default.attributesOfItem(atPath: journal.url.path)[.size] as! Int
        try journal.append([Record(n: 2, at: Date(timeIntervalSince1970: 0))])
        XCTAssertEqual(try journal.read(Record.self, from: size).records.map(\.n), [2])
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let url = folder.appendingPathComponent("state.json")
        try AtomicFile.ensureFolder(folder)
        try AtomicFile.write(Data("one".utf8), to: url)
        try AtomicFile.write(Data("two".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "two")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["state.json"])
    }
}
