import Foundation
import Monitor
import XCTest

/// Readers during writers (issue 13 item 1): `vigia alerts`, `report` and `ack` loop while polls append large
/// batches. Readers must never modify a file (an old reader "repaired" the poll's half-written last line and cut
/// the journal from 30,000 tasks to 3,775), and transitions go through the run lock: after every poll the journal
/// and the mention files parse line by line, every task filed before is still there, nothing is doubled.
final class ReadersDuringWritersHarnessTests: XCTestCase {
    private var rounds: Int { HarnessEnvironment.isFull ? 10 : 3 }
    private let itemsPerFeed = 500
    private let feeds = 2

    func testReadersLoopingDuringLargePollsLeaveEveryFileIntact() throws {
        let workspace = try HarnessWorkspace("readers")
        workspace.environment["VIGIA_LOCK_WAIT"] = "2m"
        // Every post files its own task here (no flood task): the audit counts them one by one.
        try workspace.writeMonitor(["polling": ["timeout": "10s", "max_new_tasks_per_feed": itemsPerFeed * 2]])
        for feed in 0..<feeds {
            try workspace.writeFeed(id: "big\(feed)", url: "file:samples/big\(feed).rss", format: "rss", interval: "1m")
        }
        var clock = HarnessClock(start: "2026-11-23T08:00:00Z")
        var filedBefore: Set<String> = []
        var ackedTasks: Set<String> = []
        var readerRuns = 0, acks = 0
        var pollSeconds = 0.0, auditSeconds = 0.0
        let started = Date()
        for round in 0..<rounds {
            let now = clock.next()
            for feed in 0..<feeds { try writeBigFeed(workspace, feed: feed, round: round, now: now) }
            let poll = try workspace.launch(["--json", "--now", now, "poll"])
            // A poll finding the lock taken (an ack got in first) exits 75 by design: start the others once it holds it.
            try waitUntilLocked(workspace, poll)
            // A reader (`alerts` and `report` in turn) and an `ack` in flight at every moment of the poll, each
            // relaunched as it ends (more at once would only slow the poll on two cores, not widen the overlap).
            var readers = 0
            var inFlight: [(child: ChildProcess, role: String, task: String?)] = []
            repeat {
                for (index, entry) in inFlight.enumerated().reversed() where !entry.child.isRunning {
                    let outcome = entry.child.wait(timeout: 1)
                    inFlight.remove(at: index)
                    if entry.role == "ack" {
                        acks += 1
                        XCTAssertEqual(outcome.status, 0, "ack during a poll: \(outcome.summary)")
                        if outcome.status == 0, let task = entry.task { ackedTasks.insert(task) }
                    } else {
                        readerRuns += 1
                        XCTAssertEqual(outcome.status, 0, "\(entry.role) during a poll: \(outcome.summary)")
                    }
                }
                for role in ["reader", "ack"] where !inFlight.contains(where: { $0.role == role }) {
                    switch role {
                    case "reader":
                        let command = readers % 2 == 0 ? ["--json", "alerts", "--all"] : ["report", "--format", "json"]
                        inFlight.append((try workspace.launch(["--now", now] + command), role, nil))
                        readers += 1
                    default:
                        let pending = filedBefore.subtracting(ackedTasks).subtracting(inFlight.compactMap(\.task))
                        guard let task = pending.min() else { continue }
                        inFlight.append((try workspace.launch(["--now", now, "ack", task, "--by", "harness"]), role, task))
                    }
                }
                usleep(5_000)
            } while poll.isRunning
            let outcome = poll.wait(timeout: 120)
            pollSeconds += outcome.seconds
            for entry in inFlight {
                let last = entry.child.wait(timeout: 150)
                XCTAssertEqual(last.status, 0, "\(entry.role) after a poll: \(last.summary)")
                if entry.role == "ack" { acks += 1 }
                if entry.role == "ack", last.status == 0, let task = entry.task { ackedTasks.insert(task) }
            }
            XCTAssertEqual(outcome.status, 0, "poll \(round): \(outcome.summary)")
            let auditStarted = Date()
            let audit = AlertsAudit(workspace.alerts)
            auditSeconds += Date().timeIntervalSince(auditStarted)
            XCTAssertEqual(audit.violations, [], "after poll \(round), in \(workspace.root.path)")
            XCTAssertEqual(TornTail.open(in: workspace.alerts), [], "a file left torn after poll \(round)")
            XCTAssertEqual(audit.mentionLines, (round + 1) * feeds * itemsPerFeed, "mention lines after poll \(round)")
            let filed = Set(audit.filedPerTask.keys)
            let lost = filedBefore.subtracting(filed)
            XCTAssertEqual(lost.count, 0, "tasks filed before poll \(round) and now missing: \(lost.sorted().prefix(5))")
            XCTAssertEqual(filed.count, (round + 1) * feeds * itemsPerFeed, "tasks after poll \(round)")
            XCTAssertEqual(audit.kinds["acknowledged"] ?? 0, ackedTasks.count, "acknowledgements recorded vs acks that said so")
            filedBefore = filed
        }
        HarnessEnvironment.report(
            "readers-during-writers rounds=\(rounds) tasks=\(filedBefore.count) readers=\(readerRuns) acks=\(acks) "
                + "seconds=\(String(format: "%.1f", Date().timeIntervalSince(started))) "
                + "polls_s=\(String(format: "%.1f", pollSeconds)) audits_s=\(String(format: "%.1f", auditSeconds))")
        XCTAssertGreaterThanOrEqual(readerRuns, rounds * 2, "too few reader runs overlapped the polls")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// The attack's moment made exact: a run holds the lock and its append is half-way (no final newline in the
    /// journal nor in the day's mention file). `alerts` and `report` read around it and change no byte; the next
    /// poll, holding the lock itself, settles both tails and says so.
    func testReadersLeaveAHalfWrittenAppendAlone() throws {
        let workspace = try HarnessWorkspace("half-written")
        try workspace.writeMonitor([:])
        try workspace.writeFeed(id: "big0", url: "file:samples/big0.rss", format: "rss")
        let now = "2026-11-23T10:00:00Z"
        try writeBigFeed(workspace, feed: 0, round: 0, now: now, count: 20)
        XCTAssertEqual(try workspace.run(["--now", now, "poll"]).status, 0)
        let journal = workspace.alerts.appendingPathComponent("journal.jsonl")
        let day = workspace.alerts.appendingPathComponent("mentions/2026-11-23.jsonl")
        var before: [URL: Data] = [:]
        do {
            let held = try RunLock(alertsFolder: workspace.alerts, now: Date())
            for file in [journal, day] {
                let data = try Data(contentsOf: file)
                let lastLine = data.dropLast().split(separator: 0x0A).last!
                before[file] = data + lastLine.prefix(lastLine.count / 2)
                try before[file]!.write(to: file)
            }
            for reader in [["alerts", "--all"], ["--json", "alerts"], ["report", "--format", "json"], ["report"]] {
                let outcome = try workspace.run(["--now", now] + reader)
                XCTAssertEqual(outcome.status, 0, outcome.summary)
                for (file, data) in before {
                    XCTAssertEqual(try Data(contentsOf: file), data, "`vigia \(reader.joined(separator: " "))` changed \(file.lastPathComponent)")
                }
            }
            withExtendedLifetime(held) {}
        }
        let poll = try workspace.run(["--now", "2026-11-23T10:05:00Z", "poll"])
        XCTAssertEqual(poll.status, 0, poll.summary)
        XCTAssertEqual(poll.stderr.components(separatedBy: "torn last line").count - 1, 2, poll.stderr)
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [])
        XCTAssertEqual(TornTail.open(in: workspace.alerts), [])
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Ten `vigia ack` of one task at once record one acknowledgement; the other nine are told it is acknowledged.
    func testTenParallelAcksOfOneTaskRecordOneEvent() throws {
        let workspace = try HarnessWorkspace("acks")
        try workspace.writeMonitor([:])
        try workspace.writeFeed(id: "big0", url: "file:samples/big0.rss", format: "rss")
        let now = "2026-11-23T10:00:00Z"
        // A journal of some size, so each ack spends a while reading it: the window an unlocked ack raced in.
        try writeBigFeed(workspace, feed: 0, round: 0, now: now, count: 600)
        XCTAssertEqual(try workspace.run(["--now", now, "poll"]).status, 0)
        let task = try XCTUnwrap(AlertsAudit(workspace.alerts).filedPerTask.keys.sorted().first)
        for attempt in 0..<3 {
            let children = try (0..<10).map { index in
                try workspace.launch(["--now", "2026-11-23T10:0\(attempt + 1):00Z", attempt == 1 ? "note" : "ack", task,
                                      "--by", "cm\(index)"] + (attempt == 1 ? ["--note", "same note"] : []))
            }
            let outcomes = children.map { $0.wait(timeout: 60) }
            if attempt == 1 { continue }  // notes may all land: each is a person's note
            XCTAssertEqual(outcomes.filter { $0.status == 0 }.count, attempt == 0 ? 1 : 0, outcomes.map(\.summary).joined())
            XCTAssertEqual(outcomes.filter { $0.status == 64 }.count, attempt == 0 ? 9 : 10, outcomes.map(\.summary).joined())
        }
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.kinds["acknowledged"], 1, "ten parallel acks of \(task)")
        XCTAssertEqual(audit.violations, [])
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// A transition while a run holds the lock waits (bounded), then exits 75 having written nothing.
    func testATransitionWaitsForTheRunLockThenExits75() throws {
        try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("wait")
        let server = try LoopbackServer.fixture(["--formats", "rss", "--count", "1", "--port", "0"], logs: workspace.logs)
        defer { server.stop() }
        try workspace.writeMonitor(["polling": ["timeout": "20s"]])
        try workspace.writeFeed(id: "big0", url: "file:samples/big0.rss", format: "rss")
        try writeBigFeed(workspace, feed: 0, round: 0, now: "2026-11-23T10:00:00Z", count: 2)
        XCTAssertEqual(try workspace.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        let task = try XCTUnwrap(AlertsAudit(workspace.alerts).filedPerTask.keys.sorted().first)
        try workspace.writeFeed(id: "slow", url: "\(server.address)/fault/hang?s=6")
        let journal = try Data(contentsOf: workspace.alerts.appendingPathComponent("journal.jsonl"))
        let poll = try workspace.launch(["--now", "2026-11-23T11:00:00Z", "poll"])
        try waitUntilLocked(workspace, poll)
        let ack = try workspace.run(["--now", "2026-11-23T11:00:00Z", "ack", task], extraEnvironment: ["VIGIA_LOCK_WAIT": "1s"])
        XCTAssertEqual(ack.status, 75, ack.summary)
        XCTAssertTrue(ack.stderr.contains("another vigia run holds") && ack.stderr.contains("waiting"), ack.stderr)
        XCTAssertTrue(poll.isRunning, "the poll ended before the ack gave up: the proof would be empty")
        XCTAssertEqual(try Data(contentsOf: workspace.alerts.appendingPathComponent("journal.jsonl")), journal)
        let waited = try workspace.run(["--now", "2026-11-23T11:00:00Z", "ack", task], extraEnvironment: ["VIGIA_LOCK_WAIT": "60s"])
        XCTAssertEqual(waited.status, 0, "an ack that may wait long enough lands after the poll: \(waited.summary)")
        XCTAssertFalse(poll.isRunning)
        _ = poll.wait(timeout: 30)
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Issue 13 item 6: deleting `vigia.lock` while a poll runs must not let a second poll in beside it.
    func testDeletingTheLockFileDoesNotLetASecondPollRun() throws {
        try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("lockfile")
        let server = try LoopbackServer.fixture(["--formats", "rss", "--count", "1", "--port", "0"], logs: workspace.logs)
        defer { server.stop() }
        try workspace.writeMonitor(["polling": ["timeout": "20s"]])
        try workspace.writeFeed(id: "slow", url: "\(server.address)/fault/hang?s=5")
        let first = try workspace.launch(["--now", "2026-11-23T10:00:00Z", "poll"])
        try waitUntilLocked(workspace, first)
        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("vigia.lock"))
        let second = try workspace.run(["--now", "2026-11-23T10:00:00Z", "poll"], timeout: 30)
        XCTAssertEqual(second.status, 75, "a second poll ran beside the first after vigia.lock was deleted: \(second.summary)")
        XCTAssertTrue(first.isRunning, "the first poll ended before the second started: the proof would be empty")
        _ = first.wait(timeout: 30)
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    // MARK: helpers

    /// Waits until the child has written `vigia.lock` (it holds the run lock by then).
    private func waitUntilLocked(_ workspace: HarnessWorkspace, _ child: ChildProcess) throws {
        let lock = workspace.alerts.appendingPathComponent("vigia.lock")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOf: lock, encoding: .utf8), text.contains("pid \(child.pid)") { return }
            usleep(20_000)
        }
        throw HarnessFailure("the poll never took the run lock")
    }

    /// An RSS file of `count` complaints, new ids every round, dated in the minutes before `now`.
    private func writeBigFeed(_ workspace: HarnessWorkspace, feed: Int, round: Int, now: String, count: Int? = nil) throws {
        let end = ISO8601DateFormatter().date(from: now)!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let problems = ["my order never arrived", "the app keeps crashing", "I was charged twice", "nobody answers support"]
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>big</title>"#
        for index in 0..<(count ?? itemsPerFeed) {
            let id = "f\(feed)-r\(round)-\(index)"
            let problem = problems[index % problems.count]
            xml += "<item><guid>\(id)</guid><link>https://forum.example.com/thread/\(id)</link>"
                + "<title>Terrible service</title><author>user\(index)@example.com (User \(index))</author>"
                + "<description>Order \(index): \(problem), this is awful and I want a refund now (\(id))</description>"
                + "<pubDate>\(formatter.string(from: end.addingTimeInterval(-Double(index % 600))))</pubDate></item>"
        }
        xml += "</channel></rss>"
        let samples = workspace.feeds.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: samples.appendingPathComponent("big\(feed).rss"), options: .atomic)
    }
}
