import Foundation
import XCTest

/// Signals (issue 8): SIGTERM during `vigia watch`, while a cycle is fetching from a slow server, lets that cycle
/// finish and record, then exits 0 and releases the lock.
final class SignalHarnessTests: XCTestCase {
    func testSigtermDuringWatchFinishesTheCycleAndExitsCleanly() throws {
        try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("signals")
        let latency = 4.0
        let server = try LoopbackServer.fixture(
            ["--formats", "rss", "--count", "3", "--port", "0", "--latency-ms", "\(Int(latency * 1000))", "--mutate-every", "1"],
            logs: workspace.logs)
        defer { server.stop() }
        for index in 0..<3 {
            try workspace.writeFeed(id: "slow-\(index)", url: "\(server.address)/feed/\(index)", interval: "10s")
        }
        try workspace.writeMonitor(["polling": ["timeout": "20s", "max_per_host": 4]])
        let watch = try workspace.launch(["watch", "--every", "2s"])
        // The first cycle waits `latency` for its responses: terminate in the middle of it.
        watch.sleep(latency / 2)
        XCTAssertTrue(watch.isRunning, "watch ended on its own: \(watch.currentStdout())")
        XCTAssertEqual(cycleLines(watch.currentStdout()), 0, "the cycle must still be in progress")
        let signalled = Date()
        watch.send(SIGTERM)
        let outcome = watch.wait(timeout: 60)
        let stopSeconds = Date().timeIntervalSince(signalled)
        XCTAssertNil(outcome.signal, outcome.summary)
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertLessThan(stopSeconds, latency + 15, "SIGTERM must not wait for more than the cycle in progress")
        XCTAssertEqual(cycleLines(outcome.stdout), 1, "the interrupted cycle must finish, and no other start: \(outcome.summary)")
        XCTAssertGreaterThan(AlertsAudit(workspace.alerts).mentionIDs.count, 0, "the interrupted cycle recorded nothing")
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [])
        XCTAssertEqual(TornTail.open(in: workspace.alerts), [])
        let after = try workspace.run(["--json", "poll"])
        XCTAssertTrue([0, 1].contains(after.status), "the lock must be free after SIGTERM: \(after.summary)")
        HarnessEnvironment.report(
            "signals: cycles_completed=\(cycleLines(outcome.stdout)) stop_after_term_s=\(String(format: "%.2f", stopSeconds)) "
                + "exit=\(outcome.status) peak_rss_kib=\(outcome.peakRSSKiB)")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Each cycle of `watch` prints one summary line ("feeds 3, polled 3, …").
    private func cycleLines(_ stdout: String) -> Int {
        stdout.split(separator: "\n").count { $0.contains("polled") }
    }
}
