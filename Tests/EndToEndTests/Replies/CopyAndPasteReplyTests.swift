import XCTest

/// Channels with no write API in Vigía keep copy-and-paste, and `vigia reply` holds a written text to the rules of
/// the suggestions.
final class CopyAndPasteReplyTests: XCTestCase {
    /// The demo, polled at the time of its crisis: its feeds are sample files, none can write.
    private func demo() throws -> (VigiaProcess, [[String: Any]]) {
        let vigia = try VigiaProcess.demo()
        let now = "2026-11-22T23:00:00Z"
        XCTAssertEqual(try vigia.run(["--now", now, "poll"]).status, 0)
        let tasks = try vigia.run(["--json", "--now", now, "alerts"]).jsonLines().filter { $0["kind"] as? String == "response" }
        return (vigia, tasks)
    }

    func testAChannelWithoutAWriteAPISaysSoAndSendsNothing() throws {
        let (vigia, tasks) = try demo()
        defer { vigia.remove() }
        let channels = Set(tasks.compactMap { $0["channel"] as? String })
        XCTAssertTrue(channels.contains("x") && channels.contains("blog"), "\(channels)")
        for channel in ["x", "blog", "mastodon"] {
            let task = try XCTUnwrap(tasks.first { $0["channel"] as? String == channel }?["id"] as? String)
            let preview = try vigia.run(["--now", "2026-11-22T23:00:00Z", "reply", task])
            XCTAssertEqual(preview.status, 0, preview.stderr)
            XCTAssertTrue(preview.stdout.contains("copy and paste it"), preview.stdout)
            XCTAssertTrue(preview.stdout.contains("EQ"), "the reply to paste is shown: \(preview.stdout)")
            let sent = try vigia.run(["--json", "--now", "2026-11-22T23:00:00Z", "reply", task, "--send"])
            XCTAssertEqual(sent.status, 69, sent.stderr)
            XCTAssertTrue(sent.stderr.contains("keep copy-and-paste") && sent.stderr.contains("Nothing was sent"), sent.stderr)
            XCTAssertEqual(try sent.jsonObject()["can_send"] as? Bool, false)
        }
        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        XCTAssertFalse(journal.contains("reply_intent") || journal.contains(#""replied""#))
    }

    func testWrittenTextsAreHeldToTheSuggestionsRules() throws {
        let (vigia, tasks) = try demo()
        defer { vigia.remove() }
        let task = try XCTUnwrap(tasks.first?["id"] as? String)
        let now = ["--now", "2026-11-22T23:00:00Z", "reply", task]
        let removal = try vigia.run(now + ["--text", "Por favor borra tu publicación"])
        XCTAssertEqual(removal.status, 65, removal.stderr)
        XCTAssertTrue(removal.stderr.contains("never removed"), removal.stderr)
        let arguing = try vigia.run(now + ["--text", "Eso no es cierto, el pedido salió a tiempo"])
        XCTAssertEqual(arguing.status, 65, arguing.stderr)
        XCTAssertTrue(arguing.stderr.contains("argues"), arguing.stderr)
        let written = try vigia.run(["--json"] + now + ["--text", "gracias por avisar, lo miramos ya"])
        XCTAssertEqual(written.status, 0, written.stderr)
        let text = try XCTUnwrap(try written.jsonObject()["text"] as? String)
        XCTAssertTrue(text.hasSuffix("^EQ"), "signed with the initials: \(text)")
        XCTAssertNotEqual(text, "gracias por avisar, lo miramos ya", "the customer is named: \(text)")
        let variants = try (1...2).map { n in try vigia.run(["--json"] + now + ["--variant", "\(n)"]).jsonObject()["text"] as? String }
        XCTAssertNotEqual(variants[0], variants[1], "another wording of the same reply")
    }

    func testUsageIsChecked() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        XCTAssertEqual(try vigia.run(["reply"]).status, 64)
        XCTAssertEqual(try vigia.run(["reply", "t-1", "--text", "a", "--variant", "2"]).status, 64)
        XCTAssertEqual(try vigia.run(["reply", "t-1", "--variant", "0"]).status, 64)
        XCTAssertEqual(try vigia.run(["reply", "--recover", "--send"]).status, 64)
        let unknown = try vigia.run(["reply", "t-nope"])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(try vigia.run(["reply", "--help"]).stdout.contains("--recover"))
    }
}
