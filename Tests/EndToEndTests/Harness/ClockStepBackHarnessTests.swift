import Foundation
import XCTest

/// The clock stepped back by a couple of hours after a poll (NTP correcting a clock that ran ahead, less than the day
/// that makes a poll refuse to run): the feeds' schedules, set by the clock ahead, were due hours late, so poll after
/// poll fetched nothing while the warning said "reset so polling goes on". Now each feed is due at most its interval
/// after the corrected clock, and the warning says from when.
final class ClockStepBackHarnessTests: XCTestCase {
    private let interval: TimeInterval = 300

    func testAPollAfterTheMachineClockSteppedBackTwoHoursFetchesTheFeedsAgain() throws {
        try requireFaketime()
        let workspace = try HarnessWorkspace.social("clock-step-back")
        defer { if testRun?.hasSucceeded == true { workspace.remove() } }
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed", interval: "5m")
        let ahead = Date(timeIntervalSince1970: floor(Date().timeIntervalSince1970))
        let corrected = ahead.addingTimeInterval(-2 * 3600)
        try workspace.writeSocialFeed([socialPost("first", at: corrected.addingTimeInterval(-3600))])
        let first = try workspace.run(["--json", "poll"], clock: clock(ahead))
        try expectCompletedPoll(first, "poll on the clock ahead")
        XCTAssertEqual(first.json?["polled"] as? Int, 1, first.summary)

        try workspace.writeSocialFeed([
            socialPost("first", at: corrected.addingTimeInterval(-3600)),
            socialPost("second", at: corrected.addingTimeInterval(-600)),
        ])
        let stepped = try workspace.run(["--json", "poll"], clock: clock(corrected))
        try expectCompletedPoll(stepped, "poll just after the step back")
        XCTAssertTrue(stepped.stderr.contains("before the last run"), stepped.stderr)
        // The warning is true to the schedule: due one interval after the corrected clock (read a moment after start).
        if let due = dueTime(in: stepped.stderr) {
            XCTAssertEqual(due.timeIntervalSince(corrected), interval, accuracy: 30, stepped.stderr)
        } else {
            XCTFail("the warning does not say when polling goes on: \(stepped.stderr)")
        }

        let next = try workspace.run(["--json", "poll"], clock: clock(corrected.addingTimeInterval(interval + 60)))
        try expectCompletedPoll(next, "poll one interval after the step back")
        XCTAssertEqual(next.json?["polled"] as? Int, 1, "the feed waits for the old clock's schedule: \(next.summary)")
        XCTAssertEqual(next.json?["new_mentions"] as? Int, 1, next.summary)
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, 2, "every post recorded once")
    }

    /// The same with the time stated: a `--now` two hours before a real poll, then one an interval later.
    func testAPollDatedTwoHoursBeforeARealPollFetchesTheFeedsAnIntervalLater() throws {
        let workspace = try HarnessWorkspace.social("now-step-back")
        defer { if testRun?.hasSucceeded == true { workspace.remove() } }
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed", interval: "5m")
        let real = Date()
        try workspace.writeSocialFeed([socialPost("first", at: real.addingTimeInterval(-3 * 3600))])
        try expectCompletedPoll(workspace.run(["--json", "poll"]), "poll on this machine's clock")
        try workspace.writeSocialFeed([
            socialPost("first", at: real.addingTimeInterval(-3 * 3600)),
            socialPost("second", at: real.addingTimeInterval(-2.5 * 3600)),
        ])
        let back = real.addingTimeInterval(-2 * 3600)
        let stepped = try workspace.run(["--json", "--now", stamp(back), "poll"])
        try expectCompletedPoll(stepped, "poll dated two hours back")
        XCTAssertTrue(stepped.stderr.contains("so polling goes on"), stepped.stderr)
        let later = try workspace.run(["--json", "--now", stamp(back.addingTimeInterval(interval + 60)), "poll"])
        try expectCompletedPoll(later, "poll an interval later")
        XCTAssertEqual(
            later.json?["polled"] as? Int, 1, "the feed waits for the real poll's schedule: \(later.summary)")
        XCTAssertEqual(later.json?["new_mentions"] as? Int, 1, later.summary)
    }

    /// `vigia watch` across the same step, made while a cycle is fetching from a slow server: the watch neither sleeps
    /// the two hours the wall clock lost (its cycles are timed on the monotonic clock) nor waits for the old schedule.
    func testWatchAcrossAClockStepBackPollsAgainWithinAnInterval() throws {
        try requireFaketime()
        _ = try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("watch-step-back")
        defer { if testRun?.hasSucceeded == true { workspace.remove() } }
        let latency = 3.0
        let server = try LoopbackServer.fixture(
            ["--formats", "rss", "--count", "1", "--port", "0", "--latency-ms", "\(Int(latency * 1000))"],
            logs: workspace.logs)
        defer { server.stop() }
        try workspace.writeFeed(id: "slow", url: "\(server.address)/feed/0", interval: "10s")
        try workspace.writeMonitor(["polling": ["timeout": "20s"]])
        let clockFile = workspace.root.appendingPathComponent("clock-offset")
        try Data("+0\n".utf8).write(to: clockFile)

        let watch = try workspace.launch(["--json", "watch", "--every", "1s"], clockFile: clockFile)
        watch.sleep(latency / 2)  // the first cycle is waiting for its response: step the clock back under it
        try Data("-2h\n".utf8).write(to: clockFile)
        let deadline = Date().addingTimeInterval(60)
        while watch.isRunning, Date() < deadline, fetchingCycles(watch.currentStdout()) < 2 { watch.sleep(0.5) }
        watch.send(SIGTERM)
        let outcome = watch.wait(timeout: 30)
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertTrue(
            outcome.stderr.contains("before the last run"),
            "the step came after the first cycle's time: \(outcome.stderr)")
        XCTAssertGreaterThanOrEqual(
            fetchingCycles(outcome.stdout), 2, "no fetch after the step back: \(outcome.summary)")
    }

    /// Cycles of `watch --json` that polled a feed.
    private func fetchingCycles(_ stdout: String) -> Int {
        stdout.split(separator: "\n").count { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["polled"] as? Int ?? 0) > 0
        }
    }

    /// The time a run's warning says polling goes on from.
    private func dueTime(in stderr: String) -> Date? {
        guard let range = stderr.range(of: "so polling goes on from ") else { return nil }
        return ISO8601DateFormatter().date(from: String(stderr[range.upperBound...].prefix(20)))
    }

    /// A `faketime` start time that no time zone reads differently.
    private func clock(_ date: Date) -> String { "@\(Int(date.timeIntervalSince1970))" }

    private func requireFaketime() throws {
        guard FileManager.default.isExecutableFile(atPath: HarnessEnvironment.faketime) else {
            throw XCTSkip("needs Debian's faketime package (.ci/run installs it)")
        }
    }
}
