import XCTest

/// The skeleton's acceptance, on the built binary: the demo files tasks with deadlines and writes OPEN.md, a second
/// poll files nothing, overlapping runs are locked out, and bad input gets the right exit code and message.
final class DemoRunTests: XCTestCase {
    var vigia: VigiaProcess!

    override func setUpWithError() throws {
        vigia = try VigiaProcess.demo()
    }

    override func tearDown() {
        vigia.remove()
    }

    func testDemoPollFilesTasksAndASecondPollFilesNothing() throws {
        let first = try vigia.run(["--json", "--now", "2026-11-22T23:00:00Z", "poll"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let counts = try first.jsonObject()
        for key in ["feeds", "polled", "not_modified", "failed", "items", "new_mentions", "negative", "tasks_filed", "crises", "escalations"] {
            XCTAssertNotNil(counts[key], "missing \(key) in \(counts)")
        }
        XCTAssertEqual(counts["feeds"] as? Int, 5)
        XCTAssertEqual(counts["failed"] as? Int, 0)
        let newMentions = try XCTUnwrap(counts["new_mentions"] as? Int)
        let negative = try XCTUnwrap(counts["negative"] as? Int)
        let filed = try XCTUnwrap(counts["tasks_filed"] as? Int)
        XCTAssertGreaterThan(newMentions, 80)
        XCTAssertLessThan(newMentions, 110, "the Atom feed's keywords must filter unrelated entries")
        XCTAssertGreaterThan(negative, 20)
        XCTAssertGreaterThanOrEqual(filed, negative / 2, "negative mentions become tasks (threads may merge)")
        XCTAssertGreaterThanOrEqual(counts["crises"] as? Int ?? 0, 1, "the demo's double-charge burst is a crisis")

        let open = try String(contentsOf: vigia.alerts.appendingPathComponent("OPEN.md"), encoding: .utf8)
        XCTAssertTrue(open.contains("CA-2026") || open.contains("pedido") || open.contains("cobr"), open)
        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        XCTAssertGreaterThanOrEqual(journal.split(separator: "\n").count, filed)

        let alerts = try vigia.run(["--json", "--now", "2026-11-22T23:00:00Z", "alerts"])
        XCTAssertEqual(alerts.status, 0, alerts.stderr)
        let tasks = try alerts.jsonLines()
        XCTAssertFalse(tasks.isEmpty)
        for task in tasks {
            for key in ["id", "mention_id", "state", "priority", "deadline", "channel", "author", "url", "reasons"] {
                XCTAssertTrue(task.keys.contains(key), "alerts --json lacks \(key): \(task)")
            }
            XCTAssertNotNil((task["deadline"] as? String).flatMap(ISO8601DateFormatter().date(from:)), "\(task)")
        }

        let second = try vigia.run(["--json", "--now", "2026-11-22T23:30:00Z", "poll"])
        XCTAssertEqual(second.status, 0, second.stderr)
        let again = try second.jsonObject()
        XCTAssertEqual(again["new_mentions"] as? Int, 0, "\(again)")
        XCTAssertEqual(again["tasks_filed"] as? Int, 0, "\(again)")
        let journalAfter = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let filedLines = { (text: String) in text.split(separator: "\n").filter { $0.contains(#""kind":"filed""#) }.count }
        XCTAssertEqual(filedLines(journalAfter), filedLines(journal))

        // A poll that changes nothing writes the pages rendered while it fetched: they still show its own time.
        let third = try vigia.run(["--json", "--now", "2026-11-22T23:45:00Z", "poll"])
        XCTAssertEqual(try third.jsonObject()["new_mentions"] as? Int, 0, third.stdout)
        let openLater = try String(contentsOf: vigia.alerts.appendingPathComponent("OPEN.md"), encoding: .utf8)
        XCTAssertTrue(openLater.contains("Generated 2026-11-23 00:45 UTC+1."), String(openLater.prefix(300)))
        let reportLater = try String(contentsOf: vigia.alerts.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(reportLater.contains("2026-11-23 00:45"), "report.html shows the poll's time")
    }

    func testASecondRunWhileTheLockIsHeldExits75() throws {
        try FileManager.default.createDirectory(at: vigia.alerts, withIntermediateDirectories: true)
        // The run lock is a flock on the alerts folder itself (deleting vigia.lock must not release it).
        let descriptor = open(vigia.alerts.path, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
        let locked = try vigia.run(["poll"])
        XCTAssertEqual(locked.status, 75, locked.stderr)
        XCTAssertTrue(locked.stderr.contains("another vigia run"), locked.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vigia.alerts.appendingPathComponent("journal.jsonl").path))
        flock(descriptor, LOCK_UN)
        close(descriptor)
        XCTAssertEqual(try vigia.run(["--now", "2026-11-22T23:00:00Z", "poll"]).status, 0)
    }

    func testBrokenConfigurationExits65NamingFileAndKeyBeforeFetching() throws {
        try #"{"id": "x-search", "url": "file:samples/x-search.rss", "intervl": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("x-search.feed.json"), atomically: true, encoding: .utf8)
        let result = try vigia.run(["poll"])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("x-search.feed.json"), result.stderr)
        XCTAssertTrue(result.stderr.contains("intervl"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vigia.alerts.appendingPathComponent("mentions").path))

        let check = try vigia.run(["--json", "check"])
        XCTAssertEqual(check.status, 65)
        let lines = try check.jsonLines()
        XCTAssertEqual(lines.first { $0["id"] as? String == "x-search" }?["status"] as? String, "invalid")
        XCTAssertEqual(lines.filter { $0["status"] as? String == "ok" }.count, 4)
        for line in lines { XCTAssertEqual(Set(line.keys), ["id", "status", "format", "items", "error"], "\(line)") }
    }

    func testCheckFetchReportsFormatAndItemsPerFeed() throws {
        let check = try vigia.run(["--json", "check", "--fetch"])
        XCTAssertEqual(check.status, 0, check.stderr)
        let lines = try check.jsonLines()
        let formats = Dictionary(uniqueKeysWithValues: lines.map { ($0["id"] as? String ?? "", $0["format"] as? String ?? "") })
        XCTAssertEqual(formats, ["x-search": "rss", "resenas": "atom", "mastodon": "mastodon", "bluesky": "bluesky", "reddit": "reddit"])
        XCTAssertEqual(lines.compactMap { $0["items"] as? Int }.reduce(0, +), 109)
    }

    func testMissingEnvironmentVariableExits65() throws {
        try #"{"id": "private", "url": "https://api.example/search", "headers": {"Authorization": "Bearer ${VIGIA_TEST_TOKEN}"}}"#
            .write(to: vigia.feeds.appendingPathComponent("private.feed.json"), atomically: true, encoding: .utf8)
        let result = try vigia.run(["poll"])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("VIGIA_TEST_TOKEN"), result.stderr)
    }

    func testUsageErrorsExit64() throws {
        let unknown = try vigia.run(["pol"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'poll'"), unknown.stderr)
        XCTAssertEqual(try vigia.run(["poll", "--bogus"]).status, 64)
        XCTAssertEqual(try vigia.run(["close", "t-1"]).status, 64)
    }

    func testDeletionIsRefused() throws {
        for arguments in [["delete", "t-1"], ["hide", "m-1"], ["alerts", "--delete"]] {
            let result = try vigia.run(arguments)
            XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains("answered, not removed"), result.stderr)
        }
        try #"{"auto_delete_negative": true}"#.write(to: vigia.feeds.appendingPathComponent("monitor.json"), atomically: true, encoding: .utf8)
        let config = try vigia.run(["poll"])
        XCTAssertEqual(config.status, 65)
        XCTAssertTrue(config.stderr.contains("answered, not removed"), config.stderr)
    }

    func testHelpForTheToolAndEveryCommand() throws {
        let help = try vigia.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for command in ["poll", "watch", "score", "alerts", "ack", "resolve", "close", "check", "report", "crisis", "escalate"] {
            XCTAssertTrue(help.stdout.contains(command), command)
            let one = try vigia.run([command, "--help"])
            XCTAssertEqual(one.status, 0, command)
            XCTAssertTrue(one.stdout.contains("usage: vigia"), command)
        }
    }

    func testScoreStreamsJSONLines() throws {
        let input = """
            {"id": "1", "text": "Llevo tres días esperando mi pedido y nadie responde. Fatal."}
            {"id": "2", "text": "Me encanta la lámpara, llegó rapidísimo, gracias!", "lang": "es"}
            The delivery was late and the box was damaged
            """
        let result = try vigia.run(["score"], stdin: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try result.jsonLines()
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0]["label"] as? String, "neg")
        XCTAssertEqual(lines[1]["label"] as? String, "pos")
        XCTAssertEqual(lines[2]["label"] as? String, "neg")
        XCTAssertEqual(lines[0]["lang"] as? String, "es")
        XCTAssertEqual(lines[2]["lang"] as? String, "en")
        XCTAssertFalse((lines[0]["terms"] as? [Any] ?? []).isEmpty)
    }
}
