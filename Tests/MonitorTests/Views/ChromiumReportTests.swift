import Foundation
import XCTest

@testable import Monitor

/// The HTML report in a real browser: tools/report/check_report.py renders it with headless Chromium (laptop and
/// phone widths), checks the screenshots are not blank, and that hostile posts show as text and never run.
/// Skips when chromium or python3 is absent.
final class ChromiumReportTests: XCTestCase {
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tools/report/check_report.py")

    private func check(_ html: URL, expectTitle: String, hostile: [String]) throws -> (status: Int32, output: String) {
        guard
            let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(
                where: FileManager.default.isExecutableFile)
        else {
            throw XCTSkip("python3 not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let pngs = ProcessInfo.processInfo.environment["VIGIA_REPORT_PNG_DIR"] ?? html.deletingLastPathComponent().path
        process.arguments =
            [Self.script.path, html.path, "--expect-title", expectTitle, "--png-dir", pngs]
            + hostile.flatMap { ["--hostile", $0] }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 { throw XCTSkip("chromium not installed") }
        return (process.terminationStatus, output)
    }

    func testReportRendersAndHostilePostsStayInert() throws {
        let folder = try ViewFixtures.alertsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlertViews.regenerate(alertsFolder: folder, settings: ViewFixtures.settings(), now: ViewFixtures.now)
        if let keep = ProcessInfo.processInfo.environment["VIGIA_REPORT_PNG_DIR"] {
            // Kept beside the screenshots so a person can open the page that was checked.
            try? FileManager.default.removeItem(atPath: keep + "/report.html")
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent("report.html"),
                to: URL(fileURLWithPath: keep + "/report.html"))
        }
        let result = try check(
            folder.appendingPathComponent("report.html"), expectTitle: "Vigía report — Casa Alba",
            hostile: [ViewFixtures.hostileScript, ViewFixtures.hostileImage])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("\"laptop\""), result.output)
        XCTAssertTrue(result.output.contains("\"phone\""), result.output)
    }

    /// The check itself can fail: an unescaped page without the policy runs the hostile script and is caught.
    func testCheckCatchesAPageWhereTheScriptRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-unsafe-\(UUID().uuidString)")
        try AtomicFile.ensureFolder(folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("unsafe.html")
        try Data("<html><head><title>Safe</title></head><body><p>\(ViewFixtures.hostileScript)</p></body></html>".utf8)
            .write(to: page)
        let result = try check(page, expectTitle: "Safe", hostile: [ViewFixtures.hostileScript])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("a script ran"), result.output)
    }
}
