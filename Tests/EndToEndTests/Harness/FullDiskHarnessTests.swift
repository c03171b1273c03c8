import Foundation
import XCTest

/// Full disk (issue 8): the demo polled with alerts/ under a file-size limit (`ulimit -f`, so writes fail with EFBIG
/// as on a full disk): a clear error and exit 73, nothing half-written, and the next run with room completes with
/// every mention recorded once.
final class FullDiskHarnessTests: XCTestCase {
    private let now = "2026-11-22T23:00:00Z"

    func testWritesPastTheLimitExit73AndTheNextRunCompletes() throws {
        let workspace = try demoWorkspace("full-disk")
        // 512-byte blocks under dash: from "nothing fits" to "the journal fits but the mentions do not".
        let limits = [1, 8, 32, 96, 160]
        var refusals = 0
        for limit in limits {
            let outcome = try workspace.run(["--json", "--now", now, "poll"], limitBlocks: limit)
            XCTAssertNil(outcome.signal, "ulimit -f \(limit): killed (SIGXFSZ not ignored?): \(outcome.summary)")
            if outcome.status == 0 { continue }  // everything fitted under this limit
            refusals += 1
            XCTAssertEqual(outcome.status, 73, "ulimit -f \(limit): \(outcome.summary)")
            XCTAssertTrue(outcome.stderr.contains(workspace.alerts.lastPathComponent), "names alerts/: \(outcome.stderr)")
            XCTAssertLessThan(outcome.stderr.count, 4000, "a clear error, not a dump: \(outcome.stderr)")
            assertNothingHalfWritten(workspace, after: "ulimit -f \(limit)")
        }
        XCTAssertGreaterThanOrEqual(refusals, 2, "the limits must really cut the runs short")

        let clean = try workspace.run(["--json", "--now", now, "poll"])
        XCTAssertEqual(clean.status, 0, clean.summary)
        assertNothingHalfWritten(workspace, after: "the run with room")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        let reference = try demoWorkspace("full-disk-reference")
        defer { reference.remove() }
        XCTAssertEqual(try reference.run(["--json", "--now", now, "poll"]).status, 0)
        let expected = AlertsAudit(reference.alerts)
        XCTAssertEqual(expected.mentionIDs.subtracting(audit.mentionIDs).sorted(), [], "mentions lost to the full disk")
        XCTAssertEqual(audit.filedPerTask.count, expected.filedPerTask.count, "tasks filed after the refusals")
        HarnessEnvironment.report(
            "full-disk: limits=\(limits) refusals=\(refusals) mentions=\(audit.mentionIDs.count) "
                + "reference=\(expected.mentionIDs.count) duplicates=\(audit.duplicateMentions.count) tasks=\(audit.filedPerTask.count)")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// Optional: a real 1 MiB tmpfs (needs root and mount); skipped elsewhere.
    func testATinyTmpfsGivesExit73AndRecoversOnABiggerOne() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else {
            throw XCTSkip("needs root and /bin/mount for a tmpfs")
        }
        let workspace = try demoWorkspace("tmpfs")
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.alerts, withIntermediateDirectories: true)
        guard shell("mount -t tmpfs -o size=64k tmpfs '\(workspace.alerts.path)'") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN)")
        }
        defer { _ = shell("umount '\(workspace.alerts.path)'") }
        let full = try workspace.run(["--json", "--now", now, "poll"])
        XCTAssertNil(full.signal, full.summary)
        XCTAssertEqual(full.status, 73, full.summary)
        assertNothingHalfWritten(workspace, after: "the 64 KiB tmpfs")
        XCTAssertEqual(shell("mount -o remount,size=16m '\(workspace.alerts.path)'"), 0)
        let roomy = try workspace.run(["--json", "--now", now, "poll"])
        XCTAssertEqual(roomy.status, 0, roomy.summary)
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [])
    }

    private func demoWorkspace(_ name: String) throws -> HarnessWorkspace {
        let workspace = try HarnessWorkspace(name)
        try FileManager.default.removeItem(at: workspace.feeds)
        try FileManager.default.copyItem(at: HarnessEnvironment.packageRoot.appendingPathComponent("feeds"), to: workspace.feeds)
        return workspace
    }

    private func assertNothingHalfWritten(_ workspace: HarnessWorkspace, after what: String) {
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [], "after \(what)")
        XCTAssertEqual(TornTail.open(in: workspace.alerts), [], "after \(what)")
        XCTAssertEqual(AlertsAudit(workspace.alerts).temporaryFiles, [], "temporaries left after \(what)")
        for (path, data) in workspace.alertFiles() {
            if path.hasSuffix(".html"), !data.isEmpty {
                XCTAssertTrue(String(decoding: data.suffix(64), as: UTF8.self).contains("</html>"), "\(path) half-written after \(what)")
            }
            if path.hasSuffix(".json") && !path.contains("torn") {
                XCTAssertNotNil(try? JSONSerialization.jsonObject(with: data), "\(path) half-written after \(what)")
            }
        }
    }

    private func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " >/dev/null 2>&1"]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
