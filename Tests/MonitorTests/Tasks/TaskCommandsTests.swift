import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The task commands against a real alerts folder, output captured through files.
final class TaskCommandsTests: XCTestCase {
    private var root: URL!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    private var alerts: URL { root.appendingPathComponent("alerts") }

    /// Runs a command with fresh output files; returns exit code, stdout, stderr.
    private func run(now: Date, _ body: (TaskCommandContext) throws -> Int32) throws -> (Int32, String, String) {
        let out = root.appendingPathComponent("out-\(UUID().uuidString)"), err = root.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let context = TaskCommandContext(
            alertsFolder: alerts, feedsFolder: root, settings: EscalationFixtures.settings(smtpPort: nil), now: now,
            environment: ["USER": "eva"], output: try FileHandle(forWritingTo: out), errors: try FileHandle(forWritingTo: err))
        let code = try body(context)
        return (code, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    private func fileTwo() throws -> (complaint: String, question: String) {
        let alerter = Alerter(alertsFolder: alerts, settings: EscalationFixtures.settings(smtpPort: nil), environment: [:])
        var question = EscalationFixtures.complaint(id: "q1", postedAt: t0, handle: "@luis", text: "¿Tenéis tallas grandes?")
        question.sentiment = Sentiment(score: 0, label: .neutral, language: "es", terms: [])
        question.triage = Triage(intent: .question, isQuestion: true)
        try alerter.file([question, EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let book = try alerter.loadBook()
        return (book.task(forMention: "m1")!.id, book.task(forMention: "q1")!.id)
    }

    func testAlertsJSONMostUrgentFirst() throws {
        let ids = try fileTwo()
        let (code, out, _) = try run(now: t0.addingTimeInterval(3600)) { try TaskCommands.alerts(filter: .open, json: true, context: $0) }
        XCTAssertEqual(code, 0)
        let lines = out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.map { $0["id"] as? String }, [ids.complaint, ids.question])
        for key in ["id", "mention_id", "state", "priority", "deadline", "channel", "author", "url", "reasons"] {
            XCTAssertNotNil(lines[0][key], key)
        }
        XCTAssertEqual(lines[0]["deadline"] as? String, ISOTime.format(t0.addingTimeInterval(1800)))
        XCTAssertEqual(lines[0]["overdue"] as? Bool, true)
        let (_, overdue, _) = try run(now: t0.addingTimeInterval(3600)) { try TaskCommands.alerts(filter: .overdue, json: false, context: $0) }
        XCTAssertTrue(overdue.contains("OVERDUE by 30m"), overdue)
        XCTAssertFalse(overdue.contains(ids.question))
        let (_, text, _) = try run(now: t0.addingTimeInterval(3600)) { try TaskCommands.alerts(filter: .open, json: false, context: $0) }
        XCTAssertTrue(text.contains("23h left"), text)
    }

    func testProtocolThroughTheCommandsAndTheJournalOnlyGrows() throws {
        let id = try fileTwo().complaint
        let journal = alerts.appendingPathComponent("journal.jsonl")
        var before = try Data(contentsOf: journal)
        func step(_ action: TaskAction, note: String? = "n", expect: Int32, _ line: UInt = #line) throws -> String {
            let (code, out, err) = try run(now: t0.addingTimeInterval(600)) {
                try TaskCommands.transition(action, id: id, note: note, by: nil, context: $0)
            }
            XCTAssertEqual(code, expect, err, line: line)
            let after = try Data(contentsOf: journal)
            XCTAssertEqual(after.prefix(before.count), before, "earlier lines never change", line: line)
            before = after
            return out + err
        }
        XCTAssertTrue(try step(.resolve, expect: 64).contains("acknowledge first"))
        XCTAssertTrue(try step(.acknowledge, expect: 0).contains("acknowledged by eva"))
        XCTAssertTrue(try step(.resolve, expect: 0).contains("resolved"))
        XCTAssertTrue(try step(.close(confirmed: false), expect: 64).contains("--confirmed"))
        XCTAssertTrue(try step(.close(confirmed: true), note: "Ana confirmed by DM", expect: 0).contains("closed"))
        XCTAssertTrue(try step(.reopen, expect: 0).contains("acknowledge again by"))
        XCTAssertTrue(try step(.note, note: "called her", expect: 0).contains("noted"))
        let (code, _, err) = try run(now: t0) { try TaskCommands.transition(.acknowledge, id: "t-nope", note: nil, by: nil, context: $0) }
        XCTAssertEqual(code, 64)
        XCTAssertTrue(err.contains("no task"))
    }

    func testRemovalCommandsAreRefused() {
        for verb in ["delete", "hide", "block", "report", "rm"] {
            let message = TaskCommands.refusal(forCommand: verb)
            XCTAssertTrue(message?.contains("criticism is answered, not removed") == true, verb)
        }
        XCTAssertNil(TaskCommands.refusal(forCommand: "ack"))
        XCTAssertNil(TaskCommands.refusal(forCommand: "poll"))
    }

    func testEscalateCommandWithoutMailServer() throws {
        _ = try fileTwo()
        let (code, out, _) = try run(now: t0.addingTimeInterval(3600)) { try TaskCommands.escalate(json: false, context: $0) }
        XCTAssertEqual(code, 0)
        XCTAssertTrue(out.contains("queued 1"), out)
        XCTAssertTrue(out.contains("No mail server configured"), out)
        let (_, json, _) = try run(now: t0.addingTimeInterval(3700)) { try TaskCommands.escalate(json: true, context: $0) }
        let summary = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(summary["pending"] as? Int, 1)
        XCTAssertEqual(summary["queued"] as? Int, 0)
    }
}

extension TaskCommandsTests {
    /// A run killed mid-append leaves a torn last line; an `ack` holding the run lock sets it aside before its own
    /// line, as a poll does: glued onto the torn bytes, the acknowledgement would be lost and the journal unreadable.
    func testAnAckAfterATornJournalLineSetsItAsideAndIsRecorded() throws {
        let ids = try fileTwo()
        let journal = alerts.appendingPathComponent("journal.jsonl")
        let handle = try FileHandle(forWritingTo: journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"at":"2026-11-22T20:01:00Z","by":"eva","id":"e-0000"#.utf8))
        try handle.close()

        let (code, _, err) = try run(now: t0.addingTimeInterval(600)) {
            try TaskCommands.transition(.acknowledge, id: ids.complaint, note: "told the steps", by: nil, context: $0)
        }
        XCTAssertEqual(code, 0, err)
        XCTAssertTrue(err.contains("torn last line"), err)
        let aside = try FileManager.default.contentsOfDirectory(atPath: alerts.path).filter { $0.hasPrefix("journal.jsonl.torn-") }
        XCTAssertEqual(aside.count, 1, "the torn bytes are kept beside the journal")
        let book = try Alerter(alertsFolder: alerts, settings: EscalationFixtures.settings(smtpPort: nil), environment: [:]).loadBook()
        XCTAssertEqual(book.task(id: ids.complaint)?.state, .acknowledged, "the journal reads, the ack in it")
    }
}
