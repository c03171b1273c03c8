import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Command hooks as processes: a hook that exits 0 has delivered even if a background child it left keeps its output
/// open, a hook that runs past its timeout is stopped together with everything it started, and neither a flood of
/// output nor a descriptor of ours reaches past what the hook was given.
final class CommandHookProcessTests: XCTestCase {
    private var fixtures: EscalationFixtures!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    /// Children the hooks reported, stopped after each test whatever it found (a failing test must not leave them).
    private var children: [pid_t] = []

    override func setUpWithError() throws {
        fixtures = try EscalationFixtures()
    }

    override func tearDown() {
        for child in children { kill(child, SIGKILL) }
        fixtures?.remove()
    }

    private func alerter(_ hook: NotifierSettings.Command) -> Alerter {
        var settings = EscalationFixtures.settings(smtpPort: nil)
        settings.ladder[0].emails = []
        settings.ladder[0].commands = [hook.name]
        settings.notifiers.commands = [hook]
        return Alerter(alertsFolder: fixtures.alerts, settings: settings, environment: [:])
    }

    /// The pid a hook wrote to `file`, remembered for tearDown.
    private func child(in file: URL) throws -> pid_t {
        let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try XCTUnwrap(pid_t(text), "no pid in \(file.path): '\(text)'")
        children.append(pid)
        return pid
    }

    /// Alive and not a zombie: an orphan killed here may wait for a PID 1 that never reaps it, and a zombie runs
    /// nothing and holds nothing open.
    private func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[close...].dropFirst(2).hasPrefix("Z")
    }

    func testAHookThatExitsLeavingABackgroundChildIsSentOnceAndAtOnce() throws {
        let calls = fixtures.root.appendingPathComponent("calls.txt")
        let pidFile = fixtures.root.appendingPathComponent("child.pid")
        // The child inherits the hook's stdin, stdout and stderr and outlives it by far.
        let script = "echo call >> \"$0\"; cat > /dev/null; sleep 20 & echo $! > \"$1\"; exit 0"
        let argv = ["/bin/sh", "-c", script, calls.path, pidFile.path]
        let hook = NotifierSettings.Command(name: "pager", argv: argv, timeout: 15)
        let alerter = alerter(hook)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)

        let started = Date()
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "waited for the hook's child, not the hook")
        XCTAssertEqual(summary.sent, 1, "\(summary.notes)")
        XCTAssertEqual(summary.failed, 0, "\(summary.notes)")
        // What the hook left running is its own business once it has reported success.
        XCTAssertTrue(isRunning(try child(in: pidFile)), "a delivered hook's background child is left alone")

        let later = try alerter.escalate(now: t0.addingTimeInterval(60 * 60))
        XCTAssertEqual(later.sent, 0)
        XCTAssertEqual(later.failed, 0)
        XCTAssertEqual(try String(contentsOf: calls, encoding: .utf8), "call\n", "the hook ran once")
    }

    func testATimedOutHookIsStoppedWithItsGrandchild() throws {
        let pidFile = fixtures.root.appendingPathComponent("child.pid")
        let hook = NotifierSettings.Command(
            name: "slow", argv: ["/bin/sh", "-c", "sleep 30 & echo $! > \"$0\"; wait", pidFile.path], timeout: 1)
        let summary = try escalateTimingOut(hook, within: 10)
        XCTAssertTrue(summary.notes.joined().contains("timed out"), "\(summary.notes)")
        XCTAssertFalse(isRunning(try child(in: pidFile)), "the grandchild outlived the timeout")
    }

    /// SIGTERM ignored by the hook and its child alike: the grace ends in SIGKILL to the whole group.
    func testAHookIgnoringSIGTERMIsKilledWithItsGrandchild() throws {
        let pidFile = fixtures.root.appendingPathComponent("child.pid")
        let script = "trap '' TERM; sleep 30 & echo $! > \"$0\"; wait"
        let argv = ["/bin/sh", "-c", script, pidFile.path]
        let hook = NotifierSettings.Command(name: "stubborn", argv: argv, timeout: 1)
        _ = try escalateTimingOut(hook, within: 10)
        XCTAssertFalse(isRunning(try child(in: pidFile)), "the grandchild outlived SIGKILL")
    }

    /// Output far past any pipe buffer on both streams: nothing blocks, and the note quotes a bounded prefix.
    func testAHookFloodingItsOutputStillReportsItsStatus() throws {
        let script = "head -c 20000000 /dev/zero | tr '\\0' x; head -c 5000000 /dev/zero | tr '\\0' y >&2; exit 3"
        let hook = NotifierSettings.Command(name: "chatty", argv: ["/bin/sh", "-c", script], timeout: 20)
        let alerter = alerter(hook)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.failed, 1)
        let notes = summary.notes.joined()
        XCTAssertTrue(notes.contains("exited 3: yyy"), String(notes.prefix(300)))
        XCTAssertLessThan(notes.utf8.count, 2000)
    }

    /// A descriptor opened here without O_CLOEXEC (as a library might) would live on in whatever the hook leaves
    /// running: the hook must not see it.
    func testTheHookInheritsNoOtherDescriptor() throws {
        let leaked = open("/dev/null", O_RDONLY)
        XCTAssertGreaterThan(leaked, 2)
        defer { close(leaked) }
        let script = "if [ -e /proc/$$/fd/$0 ]; then echo \"fd $0 inherited\" >&2; exit 7; fi"
        let hook = NotifierSettings.Command(name: "tidy", argv: ["/bin/sh", "-c", script, String(leaked)])
        let alerter = alerter(hook)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.sent, 1, "\(summary.notes)")
    }

    /// One escalation whose only hook times out: one failure, returned soon after the timeout.
    private func escalateTimingOut(
        _ hook: NotifierSettings.Command, within bound: TimeInterval
    ) throws -> EscalationSummary {
        let alerter = alerter(hook)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let started = Date()
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertLessThan(elapsed, bound, "waited for the hook's grandchild after the timeout")
        XCTAssertEqual(summary.failed, 1, "\(summary.notes)")
        XCTAssertEqual(summary.sent, 0)
        return summary
    }
}
