import XCTest

/// Issue 14/19: a poll reads and folds the journal once, then reads only what is appended (its filings, escalations
/// and deliveries). The timing line (`VIGIA_TIMINGS=1`) states the bytes read; they must equal the journal's size.
final class JournalReadOncePerPollTests: XCTestCase {
    func testEachPollReadsEveryJournalByteOnce() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let journal = vigia.alerts.appendingPathComponent("journal.jsonl")
        // The first files tasks, the second (an hour on) escalates the unanswered ones, the third finds nothing new.
        for now in ["2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", "2026-11-23T11:05:00Z"] {
            let run = try vigia.run(["--now", now, "poll"], environment: ["VIGIA_TIMINGS": "1"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int)
            XCTAssertGreaterThan(size, 0)
            let line = try XCTUnwrap(run.stderr.split(separator: "\n").first { $0.contains("timing journal ") }, run.stderr)
            XCTAssertTrue(line.contains("timing journal \(size) bytes, read \(size) (1 whole read,"), "\(now): \(line)")
            XCTAssertTrue(line.contains("task book folded once"), String(line))
        }
    }
}
