import Foundation
import XCTest

/// A machine whose clock is not set yet (a board without a battery reads 1970 until NTP answers) runs the cron poll:
/// it must not file the day's posts under 1970, mark every task overdue by decades and escalate them all at once.
/// The clock is moved for the child alone with Debian's `faketime`, as an unset hardware clock would have it.
final class WrongClockHarnessTests: XCTestCase {
    func testAPollWithTheMachineClockFarBehindItsLastRunDoesNothingAndSaysWhy() throws {
        try requireFaketime()
        let workspace = try HarnessWorkspace.social("wrong-clock")
        defer { workspace.remove() }
        let now = Date()
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600))])
        try expectCompletedPoll(workspace.run(["--json", "poll"]), "poll on this machine's clock")

        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600)), socialPost("second", at: now)])
        let before = contents(workspace)
        let unset = "1970-01-02 00:00:00"
        let refused = try workspace.run(["--json", "poll"], clock: unset)
        XCTAssertEqual(refused.status, 75, "retry later, as for a held lock: \(refused.summary)")
        // faketime's clock ticks from its start: on a loaded machine the run reads it a second or two later.
        XCTAssertTrue(refused.stderr.contains("clock reads 1970-01-02T00:00:"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("did nothing"), refused.stderr)
        XCTAssertEqual(contents(workspace), before, "nothing written under a clock that is not set")

        // A time stated with --now is the operator's, whatever the clock says: it polls.
        let stated = try workspace.run(["--json", "--now", stamp(now.addingTimeInterval(60)), "poll"], clock: unset)
        try expectCompletedPoll(stated, "poll with --now under the unset clock")
        // Once the clock is right the next poll goes on, and a --now what-if ahead did not move the bar.
        try expectCompletedPoll(workspace.run(["--json", "--now", "2031-01-01T00:00:00Z", "poll"]), "what-if ahead")
        try expectCompletedPoll(workspace.run(["--json", "poll"]), "poll on the right clock after a what-if")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, 2, "every post recorded once")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: workspace.alerts.appendingPathComponent("mentions/1970-01-02.jsonl").path))
    }

    /// A clock that ran years ahead for one poll (a bad RTC, a wrong NTP answer), then corrected: each poll on the right
    /// clock is refused as "behind the last run" until that future comes (cron and the units take exit 75 as "run
    /// again next minute", so nothing is polled and nobody is told). The message names the way out, and one poll
    /// with the right time stated lets the machine-clock polls go on.
    func testAPollAfterAClockThatRanAheadSaysHowToGoOnAndGoesOnOnceTheTimeIsStated() throws {
        try requireFaketime()
        let workspace = try HarnessWorkspace.social("clock-ahead")
        defer { workspace.remove() }
        let now = Date()
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600))])
        try expectCompletedPoll(workspace.run(["--json", "poll"], clock: "2030-01-01 00:00:00"), "poll on a clock ahead")
        let refused = try workspace.run(["--json", "poll"])
        XCTAssertEqual(refused.status, 75, refused.summary)
        XCTAssertTrue(refused.stderr.contains("vigia poll --now"), refused.stderr)
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600)), socialPost("second", at: now)])
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(Date()), "poll"]), "the time stated once")
        try expectCompletedPoll(workspace.run(["--json", "poll"]), "the machine clock again (the feed not due yet)")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, 2, "every post recorded once")
    }

    /// A clock years ahead on a machine whose feeds come from two servers: both say today, so the poll does nothing
    /// (it would escalate every task as overdue, and bar the polls on the right clock until 2030), and the polls on the
    /// right clock go on as if it never ran. One server alone would not be enough to stop it (`MachineClockCheck`).
    func testAPollOnAClockAheadOfEveryServerDoesNothingAndTheRightClockGoesOn() throws {
        try requireFaketime()
        let brand: [String: Any] = ["name": "Casa Alba", "terms": ["casaalba", "@casaalba", "Casa Alba"]]
        let workspace = try HarnessWorkspace.social("clock-ahead-of-servers", monitor: ["brand": brand])
        defer { workspace.remove() }
        let servers = try (1...2).map { index in
            try LoopbackServer.start(
                script: HarnessEnvironment.tools.appendingPathComponent("redirect_server.py"),
                arguments: ["--log", workspace.logs.appendingPathComponent("echo-\(index).jsonl").path],
                logs: workspace.logs, label: "echo-\(index)")
        }
        defer { for server in servers { server.stop() } }
        for (index, server) in servers.enumerated() { try workspace.writeFeed(id: "echo-\(index + 1)", url: "\(server.address)/echo") }
        try workspace.writeSocialFeed([socialPost("first", at: Date().addingTimeInterval(-3600))])
        let before = contents(workspace)

        let refused = try workspace.run(["--json", "poll"], clock: "2030-01-01 00:00:00")
        XCTAssertEqual(refused.status, 75, refused.summary)
        XCTAssertTrue(refused.stderr.contains("the clock is ahead"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("every server that answered this poll reads at least "), refused.stderr)
        XCTAssertTrue(refused.stderr.contains(" earlier (2: 127.0.0.1:"), refused.stderr)
        XCTAssertEqual(contents(workspace), before, "nothing written under a clock every server disputes")
        let check = try workspace.run(["check", "--fetch"], clock: "2030-01-01 00:00:00")
        XCTAssertNotEqual(check.status, 0, check.summary)
        XCTAssertTrue(check.stderr.contains("the clock is ahead") && check.stderr.contains("`vigia poll` does nothing on it"), check.stderr)

        try expectCompletedPoll(workspace.run(["--json", "poll"]), "poll on the right clock, not barred by the refused one")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertGreaterThanOrEqual(audit.mentionLines, 2, "the social post and the servers' post recorded")
    }

    /// The poll state lost (deleted, or moved aside as its error message advises) before a poll on a clock not set yet:
    /// the rebuilt state takes its bar from the mention log, so the poll is still refused and files nothing under 1970.
    func testAPollOnAnUnsetClockIsRefusedWhenThePollStateWasLost() throws {
        try requireFaketime()
        let workspace = try HarnessWorkspace.social("wrong-clock-lost-state")
        defer { workspace.remove() }
        let now = Date()
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600))])
        try expectCompletedPoll(workspace.run(["--json", "poll"]), "poll on this machine's clock")
        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-3600)), socialPost("second", at: now)])
        let refused = try workspace.run(["--json", "poll"], clock: "1970-01-02 00:00:00")
        XCTAssertEqual(refused.status, 75, refused.summary)
        let days = try FileManager.default.contentsOfDirectory(atPath: workspace.alerts.appendingPathComponent("mentions").path)
        XCTAssertFalse(days.contains { $0.hasPrefix("1970") }, "\(days)")
    }

    private func requireFaketime() throws {
        guard FileManager.default.isExecutableFile(atPath: HarnessEnvironment.faketime) else {
            throw XCTSkip("needs Debian's faketime package (.ci/run installs it)")
        }
    }

    /// The files under alerts/ but the run lock (taken and let go by the refused run).
    private func contents(_ workspace: HarnessWorkspace) -> [String: Data] {
        Dictionary(workspace.alertFiles().filter { !$0.path.hasSuffix(".lock") }.map { ($0.path, $0.data) }) { first, _ in first }
    }
}
