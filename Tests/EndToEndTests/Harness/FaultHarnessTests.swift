import Foundation
import XCTest

/// Faults (issue 8): server errors, 429 storms, resets, hangs, slow drips, truncated and huge bodies, gzip bombs and
/// redirect loops, all in one run: it ends within its time budget, names every failing feed, and the healthy feeds
/// still land.
final class FaultHarnessTests: XCTestCase {
    /// Feed id → fault path on the fixture server. Each of these must fail.
    private let faults: [(id: String, path: String)] = [
        ("err-500", "/fault/500"), ("err-503", "/fault/503"), ("err-404", "/fault/404"),
        ("storm-429-a", "/fault/429?retry_after=3600"), ("storm-429-b", "/fault/429?retry_after=1"),
        ("storm-429-c", "/fault/429?retry_after=0"), ("storm-429-d", "/fault/429"),
        ("reset", "/fault/reset"), ("hang", "/fault/hang?s=60"),
        ("slow-drip", "/fault/slow?chunk=8&interval_ms=400&file=rss/critrolesync__nerdist__feed-2024-08-26.xml"),
        ("truncated", "/fault/truncated?file=rss/critrolesync__nerdist__feed-2024-08-26.xml"),
        ("redirect-loop", "/fault/redirect-loop"), ("not-a-feed", "/fault/not-a-feed"),
    ]
    /// Generated on the fly by the single-threaded fixture server, so they get a server of their own: otherwise the
    /// server itself stalls and every feed times out, which would prove nothing about vigia.
    private let heavyFaults: [(id: String, path: String)] = [
        ("huge", "/fault/huge?mb=100"), ("gzip-bomb", "/fault/gzip-bomb?mb=512"),
    ]
    private let timeout = 4.0
    private var allFaults: [(id: String, path: String)] { faults + heavyFaults }

    func testEveryFaultFailsItsFeedWithinTheBudgetAndIsNamed() throws {
        try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("faults")
        let server = try LoopbackServer.fixture(
            ["--formats", "rss", "--count", "4", "--port", "0", "--hang-max", "120", "--slow-max-s", "120", "--max-file-bytes", "1000000"],
            logs: workspace.logs)
        defer { server.stop() }
        // One single-threaded server per heavy fault: building the gzip bomb blocks its server for seconds, which
        // must not keep the huge body's connection waiting.
        let heavy = try heavyFaults.map { fault in
            try LoopbackServer.fixture(
                ["--formats", "rss", "--count", "1", "--port", "0"], logs: workspace.logs, label: "heavy-\(fault.id)")
        }
        defer { for server in heavy { server.stop() } }
        for fault in faults {
            try workspace.writeFeed(id: fault.id, url: server.address + fault.path)
        }
        for (fault, server) in zip(heavyFaults, heavy) {
            try workspace.writeFeed(id: fault.id, url: server.address + fault.path)
        }
        for index in 0..<2 {
            try workspace.writeFeed(id: "healthy-\(index)", url: "\(server.address)/feed/\(index)")
        }
        try workspace.writeMonitor([
            "polling": ["timeout": "\(Int(timeout))s", "connect_timeout": "2s", "max_body_mb": 2, "max_concurrent": 32,
                        "max_per_host": 32]
        ])
        // Everything runs concurrently; allow two timeout rounds plus start-up and the pipeline on a loaded machine.
        let budget = timeout * 2 + 40
        var clock = HarnessClock()
        let first = try workspace.run(["--json", "--now", clock.next(), "poll"], timeout: budget + 60)
        try checkRun(first, budget: budget, pass: "first")
        // A second run right after: back-off and Retry-After may skip feeds, but nothing may hang or crash.
        let second = try workspace.run(["--json", "--now", clock.next(), "poll"], timeout: budget + 60)
        XCTAssertNil(second.signal, second.summary)
        XCTAssertTrue([0, 1].contains(second.status), second.summary)
        XCTAssertLessThan(second.seconds, budget, second.summary)
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [])
        HarnessEnvironment.report(
            "faults: feeds=\(allFaults.count + 2) failing=\(allFaults.count) first_run_s=\(String(format: "%.2f", first.seconds)) "
                + "second_run_s=\(String(format: "%.2f", second.seconds)) budget_s=\(Int(budget)) "
                + "peak_rss_kib=\(max(first.peakRSSKiB, second.peakRSSKiB))")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    private func checkRun(_ outcome: ChildProcess.Outcome, budget: Double, pass: String) throws {
        XCTAssertNil(outcome.signal, outcome.summary)
        XCTAssertEqual(outcome.status, 1, "some feeds failed, so the exit code is 1: \(outcome.summary)")
        XCTAssertLessThan(outcome.seconds, budget, "the \(pass) run overran its budget: \(outcome.summary)")
        let counts = try XCTUnwrap(outcome.json, outcome.summary)
        // The huge body is cut at max_body_mb and its complete items kept (named on stderr): named, not failed. On a
        // loaded machine the Python server may not even produce the first 2 MB within the timeout: then it is a
        // named timeout, which is as correct; any other failure of it is not.
        let hugeTimedOut = outcome.stderr.contains("'huge' failed") && outcome.stderr.contains("timed out")
        XCTAssertEqual(counts["failed"] as? Int, allFaults.count - (hugeTimedOut ? 0 : 1), "\(counts)")
        XCTAssertEqual(counts["feeds"] as? Int, allFaults.count + 2, "\(counts)")
        XCTAssertGreaterThan(counts["new_mentions"] as? Int ?? 0, 0, "the healthy feeds still land: \(counts)")
        for fault in allFaults {
            XCTAssertTrue(outcome.stderr.contains(fault.id), "\(fault.id) (\(fault.path)) not named on stderr:\n\(outcome.stderr)")
        }
        for index in 0..<2 {
            XCTAssertFalse(outcome.stderr.contains("'healthy-\(index)' failed"), "a healthy feed reported failing:\n\(outcome.stderr)")
        }
    }
}
