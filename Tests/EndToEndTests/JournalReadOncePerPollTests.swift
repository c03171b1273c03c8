import XCTest

/// Issue 14/19: a poll reads the journal's fold from the task checkpoint and only the journal after it, then reads
/// only what is appended (its filings, escalations and deliveries). The timing line (`VIGIA_TIMINGS=1`) states where
/// the read started and the bytes read; together they must make the journal's size: every byte after the
/// checkpoint read once, nothing before it read at all.
final class JournalReadOncePerPollTests: XCTestCase {
    func testEachPollReadsOnlyTheJournalAfterItsCheckpointOnce() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let journal = vigia.alerts.appendingPathComponent("journal.jsonl")
        var previous = 0
        // The first files tasks, the second (an hour on) escalates the unanswered ones, the third finds nothing new.
        for now in ["2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", "2026-11-23T11:05:00Z"] {
            let run = try vigia.run(["--now", now, "poll"], environment: ["VIGIA_TIMINGS": "1"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int)
            XCTAssertGreaterThan(size, 0)
            let line = try XCTUnwrap(run.stderr.split(separator: "\n").first { $0.contains("timing journal ") }, run.stderr)
            let source = previous == 0 ? "whole read" : "checkpoint"
            XCTAssertTrue(
                line.contains("timing journal \(size) bytes, read \(size - previous) from byte \(previous) (\(source),"),
                "\(now): \(line)")
            XCTAssertTrue(line.contains("task book folded once"), String(line))
            previous = size
        }
    }

    /// The poll leaves the fold as a checkpoint for the task commands; with or without it they see the same tasks,
    /// and a task command brings it up to the journal's end.
    func testTaskCommandsGiveTheSameAnswerWithOrWithoutTheCheckpoint() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        XCTAssertEqual(try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        let checkpoint = vigia.alerts.appendingPathComponent("state/tasks-checkpoint.jsonl")
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint.path))
        let withCheckpoint = try vigia.run(["--json", "--now", "2026-11-23T10:05:00Z", "alerts", "--all"])
        try FileManager.default.removeItem(at: checkpoint)
        let without = try vigia.run(["--json", "--now", "2026-11-23T10:05:00Z", "alerts", "--all"])
        XCTAssertEqual(withCheckpoint.stdout, without.stdout)
        XCTAssertFalse(without.stdout.isEmpty)
        let id = try XCTUnwrap(try without.jsonLines().first?["id"] as? String)
        let ack = try vigia.run(["--now", "2026-11-23T10:06:00Z", "ack", id])
        XCTAssertEqual(ack.status, 0, ack.stderr)
        let header = try XCTUnwrap(Data(contentsOf: checkpoint).split(separator: 0x0A).first)
        let stored = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(header)) as? [String: Any])
        let size = try FileManager.default.attributesOfItem(atPath: vigia.alerts.appendingPathComponent("journal.jsonl").path)[.size] as? Int
        XCTAssertEqual(stored["journal_offset"] as? Int, size, "the ack brought the checkpoint to the journal's end")
        let again = try vigia.run(["--now", "2026-11-23T10:06:00Z", "ack", id])
        XCTAssertEqual(again.status, 64, "the checkpoint knows the ack: \(again.stderr)")
    }
}
