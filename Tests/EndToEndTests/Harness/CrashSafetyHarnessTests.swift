import Foundation
import XCTest

/// Crash safety (issue 8): `vigia poll` killed with SIGKILL at random moments while the fixture server keeps
/// changing its feeds, then clean polls; afterwards nothing is lost, nothing is recorded, filed or sent twice, every
/// journal line parses and every torn last line was moved aside and reported.
final class CrashSafetyHarnessTests: XCTestCase {
    private let feedCount = 12

    func testKilledPollsLoseNothingAndDuplicateNothing() throws {
        try HarnessEnvironment.requireBench()
        _ = try HarnessEnvironment.requirePython()
        let workspace = try HarnessWorkspace("crash")
        let sinkLog = workspace.logs.appendingPathComponent("smtp.jsonl")
        let sink = try LoopbackServer.start(
            script: HarnessEnvironment.tools.appendingPathComponent("smtp_sink.py"),
            arguments: ["--out", sinkLog.path], logs: workspace.logs, label: "smtp")
        defer { sink.stop() }
        var server = try LoopbackServer.fixture(mutatingServerOptions(port: 0), logs: workspace.logs)
        defer { server.stop() }
        workspace.environment["VIGIA_SMTP_URL"] = "smtp://127.0.0.1:\(sink.port)"
        try writeConfiguration(workspace, base: server.address, escalation: true)

        var clock = HarnessClock()
        var figures = CrashFigures(seed: HarnessRandom.seed)
        let calibration = try workspace.run(["--json", "--now", clock.next(), "poll"])
        try expectCompleted(calibration, "the first clean poll")
        figures.peakRSSKiB = calibration.peakRSSKiB
        let typical = max(0.3, calibration.seconds)

        var random = HarnessRandom(seed: figures.seed)
        // Cycles go on until the target number of polls were really killed mid-run (a poll can finish before its
        // random moment comes); the kill moment is drawn within the first clean poll's duration, the longest one.
        let targetKills = HarnessEnvironment.isFull ? 120 : 30
        var cycles = 0
        while figures.kills < targetKills && cycles < targetKills * 3 {
            if cycles % 5 == 4 { figures.tearsInjected += TornTail.inject(into: workspace.alerts, random: &random) }
            let tornBefore = TornTail.open(in: workspace.alerts)
            let child = try workspace.launch(["--json", "--now", clock.next(), "poll"])
            try killAtRandom(child, within: typical, tornBefore: tornBefore, random: &random, figures: &figures)
            cycles += 1
        }

        for _ in 0..<2 {
            try finishCleanly(workspace, now: clock.next(), figures: &figures)
        }
        // Stop the remapping (same port, same URLs) so "everything served is recorded" has a fixed answer.
        let port = server.port
        server.stop()
        server = try LoopbackServer.fixture(stableServerOptions(port: port), logs: workspace.logs, label: "fixture-stable")
        for _ in 0..<2 {
            try finishCleanly(workspace, now: clock.next(), figures: &figures)
        }
        let finalNow = clock.next()
        try finishCleanly(workspace, now: finalNow, figures: &figures)

        let audit = AlertsAudit(workspace.alerts)
        let expected = try referenceMentionIDs(from: workspace, now: finalNow)
        let lost = expected.subtracting(audit.mentionIDs)
        let deliveries = SinkLog(sinkLog)
        figures.record(audit: audit, lost: lost.count, expected: expected.count, deliveries: deliveries)
        HarnessEnvironment.report(figures.line)

        XCTAssertEqual(audit.violations, [], "alerts/ audit in \(workspace.root.path)")
        XCTAssertEqual(lost.sorted(), [], "served mentions missing from alerts/mentions (of \(expected.count))")
        XCTAssertFalse(expected.isEmpty, "the reference poll recorded no mentions: the proof would be empty")
        XCTAssertEqual(deliveries.duplicateMessageIDs, [], "notifications delivered twice")
        XCTAssertGreaterThanOrEqual(figures.kills, targetKills, "\(cycles) cycles killed only \(figures.kills) polls mid-run")
        XCTAssertEqual(figures.tearsUnreported, 0, "torn tails repaired silently: \(figures.unreportedTears)")
        XCTAssertEqual(TornTail.open(in: workspace.alerts), [], "torn tails left in place after clean polls")
        XCTAssertGreaterThanOrEqual(audit.tornFiles.count, figures.tearsInjected > 0 ? 1 : 0, "torn tails kept aside")
        let alerts = try workspace.run(["--json", "--now", finalNow, "alerts", "--all"])
        XCTAssertEqual(alerts.status, 0, alerts.summary)
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    // MARK: steps

    private func killAtRandom(
        _ child: ChildProcess, within seconds: Double, tornBefore: [String], random: inout HarnessRandom,
        figures: inout CrashFigures
    ) throws {
        child.sleep(random.unit() * seconds)
        child.send(SIGKILL)
        let outcome = child.wait(timeout: 60)
        figures.cycles += 1
        figures.peakRSSKiB = max(figures.peakRSSKiB, outcome.peakRSSKiB)
        if outcome.signal == SIGKILL {
            figures.kills += 1
            return
        }
        figures.completed += 1
        try expectCompleted(outcome, "a poll that finished before its kill")
        if !tornBefore.isEmpty && !outcome.stderr.contains("torn") {
            figures.tearsUnreported += 1
            figures.unreportedTears += tornBefore
        }
    }

    private func finishCleanly(_ workspace: HarnessWorkspace, now: String, figures: inout CrashFigures) throws {
        let tornBefore = TornTail.open(in: workspace.alerts)
        let outcome = try workspace.run(["--json", "--now", now, "poll"])
        try expectCompleted(outcome, "a clean poll after the kills")
        figures.cleanPolls += 1
        figures.peakRSSKiB = max(figures.peakRSSKiB, outcome.peakRSSKiB)
        if !tornBefore.isEmpty {
            if !outcome.stderr.contains("torn") {
                figures.tearsUnreported += 1
                figures.unreportedTears += tornBefore
            }
        }
    }

    /// A completed poll exits 0 or 1 (a feed failed: the server may drop a connection while remapping), never by signal.
    private func expectCompleted(_ outcome: ChildProcess.Outcome, _ what: String) throws {
        XCTAssertNil(outcome.signal, "\(what) died: \(outcome.summary)")
        XCTAssertTrue([0, 1].contains(outcome.status), "\(what): \(outcome.summary)")
        guard outcome.signal == nil, [0, 1].contains(outcome.status) else { throw HarnessFailure("\(what) failed") }
    }

    /// What a fresh alerts/ records from the same feeds at the same moment: the set a crash must not lose.
    private func referenceMentionIDs(from workspace: HarnessWorkspace, now: String) throws -> Set<String> {
        let reference = try HarnessWorkspace("crash-reference")
        defer { reference.remove() }
        try FileManager.default.removeItem(at: reference.feeds)
        try FileManager.default.copyItem(at: workspace.feeds, to: reference.feeds)
        try writeConfiguration(reference, base: nil, escalation: false)
        let outcome = try reference.run(["--json", "--now", now, "poll"])
        try expectCompleted(outcome, "the reference poll")
        return AlertsAudit(reference.alerts).mentionIDs
    }

    // MARK: configuration

    private func mutatingServerOptions(port: Int) -> [String] {
        ["--formats", "rss,atom", "--count", "\(feedCount)", "--port", "\(port)", "--mutate-every", "1.5",
         "--latency-ms", "40", "--jitter-ms", "30", "--max-file-bytes", "300000", "--seed", "8"]
    }

    private func stableServerOptions(port: Int) -> [String] {
        ["--formats", "rss,atom", "--count", "\(feedCount)", "--port", "\(port)", "--max-file-bytes", "300000"]
    }

    /// Feeds f00…f11 on the fixture server (no keywords: every item is a mention), a short timeout, and an
    /// escalation ladder that emails at once so notifications flow on every run.
    private func writeConfiguration(_ workspace: HarnessWorkspace, base: String?, escalation: Bool) throws {
        if let base {
            for index in 0..<feedCount {
                try workspace.writeFeed(id: String(format: "f%02d", index), url: "\(base)/feed/\(index)", interval: "1m")
            }
        }
        var monitor: [String: Any] = ["polling": ["timeout": "10s", "connect_timeout": "2s"]]
        if escalation {
            monitor["escalation"] = ["levels": [["name": "community manager", "after": "0m", "email": ["cm@example.com"]]]]
        }
        try workspace.writeMonitor(monitor)
    }
}
