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

    func testAppendsAndReadsBackInOrder() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        let at = ISOTime.parse("2026-11-23T10:00:00Z")!
        try journal.append([Record(n: 1, at: at), Record(n: 2, at: at)])
        try journal.append([Record(n: 3, at: at)])
        let read = try journal.read(Record.self)
        XCTAssertEqual(read.records.map(\.n), [1, 2, 3])
        XCTAssertEqual(read.repairs, [])
        let text = try String(contentsOf: journal.url, encoding: .utf8)
        XCTAssertTrue(text.contains(#""at":"2026-11-23T10:00:00Z""#), text)
        let mode = try FileManager.default.attributesOfItem(atPath: journal.url.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testTornLastLineIsKeptAsideReportedAndCut() throws {
        let journal = JournalFile(url: folder.appendingPathComponent("j.jsonl"))
        try journal.append([Record(n: 1, at: Date(timeIntervalSince1970: 0))])
        let handle = try FileHandle(forWritingTo: journal.url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"n":2,"at":"2026-1"#.utf8))
        handle.closeFile()
        let read = try journal.read(Record.self)
        XCTAssertEqual(read.records.map(\.n), [1])
        XCTAssertEqual(read.repairs.count, 1)
        XCTAssertTrue(read.repairs[0].contains("torn last line"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".torn-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(aside[0]), encoding: .utf8), #"{"n":2,"at":"2026-1"#)
        // The next append lands on a clean line, and a second read finds nothing to repair.
        try journal.append([Record(n: 3, at: Date(timeIntervalSince1970: 0))])
        let again = try journal.read(Record.self)
        XCTAssertEqual(again.records.map(\.n), [1, 3])
        XCTAssertEqual(again.repairs, [])
    }

    func testDamageInTheMiddleIsAnErrorNotSkipped() throws {
        let url = folder.appendingPathComponent("j.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"n\":1,\"at\":\"2026-11-23T10:00:00Z\"}\ngarbage\n{\"n\":3,\"at\":\"2026-11-23T10:00:00Z\"}\n".utf8).write(to: url)
        XCTAssertThrowsError(try JournalFile(url: url).read(Record.self)) { error in
            XCTAssertEqual((error as? StoreError).map { if case .corrupt(_, let line, _) = $0 { return line } else { return -1 } }, 2)
        }
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
