import Foundation
import XCTest

/// Security (issue 8): ${ENV} secrets never reach alerts/, output or error messages; redirects to file:// are
/// refused; CR/LF from post text cannot inject email headers; everything in alerts/ is owner-only.
final class SecurityHarnessTests: XCTestCase {
    private let secret = "hx-secret-" + UUID().uuidString

    func testSecretsRedirectsHeaderInjectionAndFileModes() throws {
        try HarnessEnvironment.requireBench()
        let workspace = try HarnessWorkspace("security")
        let requestLog = workspace.logs.appendingPathComponent("requests.jsonl")
        let sinkLog = workspace.logs.appendingPathComponent("smtp.jsonl")
        let echo = try LoopbackServer.start(
            script: HarnessEnvironment.tools.appendingPathComponent("redirect_server.py"), arguments: ["--log", requestLog.path],
            logs: workspace.logs, label: "echo")
        defer { echo.stop() }
        let sink = try LoopbackServer.start(
            script: HarnessEnvironment.tools.appendingPathComponent("smtp_sink.py"), arguments: ["--out", sinkLog.path],
            logs: workspace.logs, label: "smtp")
        defer { sink.stop() }
        let fixture = try LoopbackServer.fixture(["--formats", "rss", "--count", "2", "--port", "0"], logs: workspace.logs)
        defer { fixture.stop() }
        workspace.environment = ["VIGIA_SECRET_TOKEN": secret, "VIGIA_SMTP_URL": "smtp://127.0.0.1:\(sink.port)"]

        let header = ["Authorization": "Bearer ${VIGIA_SECRET_TOKEN}"]
        try workspace.writeFeed(id: "secret-ok", url: "\(echo.address)/echo", headers: header)
        try workspace.writeFeed(id: "secret-500", url: "\(fixture.address)/fault/500", headers: header)
        try workspace.writeFeed(id: "secret-hang", url: "\(fixture.address)/fault/hang?s=30", headers: header)
        try workspace.writeFeed(id: "to-file", url: "\(echo.address)/to?url=file:///etc/passwd")
        try workspace.writeFeed(id: "to-file-relative", url: "\(echo.address)/to?url=file:samples/injection.rss")
        try workspace.writeText(injectionFeed, to: "samples-injection.rss")
        _ = try workspace.addSample(workspace.feeds.appendingPathComponent("samples-injection.rss"), as: "injection.rss")
        try FileManager.default.removeItem(at: workspace.feeds.appendingPathComponent("samples-injection.rss"))
        try workspace.writeFeed(id: "injection", url: "file:samples/injection.rss", format: "rss")
        try workspace.writeMonitor([
            "polling": ["timeout": "3s", "connect_timeout": "2s"],
            "escalation": ["levels": [["name": "community manager", "after": "0m", "email": ["cm@example.com"]]]],
        ])

        var outcomes: [ChildProcess.Outcome] = []
        let poll = try workspace.run(["--json", "--now", "2026-11-22T23:00:00Z", "poll"])
        outcomes.append(poll)
        XCTAssertNil(poll.signal, poll.summary)
        XCTAssertEqual(poll.status, 1, poll.summary)
        for failing in ["secret-500", "secret-hang", "to-file", "to-file-relative"] {
            XCTAssertTrue(poll.stderr.contains(failing), "\(failing) must fail and be named: \(poll.stderr)")
        }
        XCTAssertFalse(poll.stderr.contains("secret-ok"), poll.stderr)
        for arguments in [["check", "--fetch"], ["alerts", "--all"], ["report", "--format", "text"], ["escalate"]] {
            outcomes.append(try workspace.run(["--now", "2026-11-23T01:00:00Z"] + arguments))
        }
        // A configuration error in a file that holds the secret's reference must not print the secret either.
        try workspace.writeFeed(id: "secret-bad", url: "\(echo.address)/echo", headers: header, extra: ["intervl": "5m"])
        let broken = try workspace.run(["poll"])
        XCTAssertEqual(broken.status, 65, broken.summary)
        outcomes.append(broken)

        let requests = (try? String(contentsOf: requestLog, encoding: .utf8)) ?? ""
        XCTAssertTrue(requests.contains(secret), "the header was not expanded and sent, so the secret check proves nothing")
        for outcome in outcomes {
            XCTAssertFalse(outcome.stdout.contains(secret) || outcome.stderr.contains(secret), "secret printed: \(outcome.summary)")
        }
        for (path, data) in workspace.alertFiles() {
            XCTAssertNil(data.range(of: Data(secret.utf8)), "the secret is in alerts/\(path)")
            XCTAssertNil(data.range(of: Data("root:x:0:0".utf8)), "/etc/passwd leaked into alerts/\(path)")
        }
        checkMail(SinkLog(sinkLog))
        checkModes(workspace.alerts)
        HarnessEnvironment.report("security: runs=\(outcomes.count) mails=\(SinkLog(sinkLog).messages.count) secret_leaks=0")
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    private func checkMail(_ log: SinkLog) {
        XCTAssertFalse(log.messages.isEmpty, "no escalation email arrived: the injection check proves nothing")
        for recipient in log.recipients {
            XCTAssertTrue(recipient.contains("cm@example.com"), "unexpected recipient \(recipient)")
        }
        for block in log.headerBlocks {
            for line in block.components(separatedBy: "\r\n") {
                let name = line.split(separator: ":").first.map { $0.lowercased() } ?? ""
                XCTAssertFalse(["bcc", "x-injected", "cc"].contains(name), "injected header line \(line) in:\n\(block)")
                XCTAssertFalse(line.contains("\n") || line.contains("\r"), "a bare CR or LF in a header:\n\(block)")
            }
        }
    }

    private func checkModes(_ alerts: URL) {
        guard let walker = FileManager.default.enumerator(atPath: alerts.path) else { return XCTFail("no alerts/") }
        var checked = 0
        for case let name as String in walker {
            var info = stat()
            guard lstat(alerts.appendingPathComponent(name).path, &info) == 0 else { continue }
            XCTAssertEqual(info.st_mode & 0o077, 0, "alerts/\(name) is readable by others: \(String(info.st_mode & 0o777, radix: 8))")
            checked += 1
        }
        var root = stat()
        XCTAssertEqual(stat(alerts.path, &root), 0)
        XCTAssertEqual(root.st_mode & 0o077, 0, "alerts/ itself is open to others")
        XCTAssertGreaterThan(checked, 3)
    }

    /// A negative post whose title, author and text carry CR/LF header lines.
    private var injectionFeed: String {
        let crlf = "&#13;&#10;"
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>
            <item><title>Casa Alba me cobró dos veces\(crlf)Bcc: victim@evil.example\(crlf)X-Injected: yes</title>
            <link>https://example.com/post/1</link><guid>inj-1</guid>
            <author>x@example.com (Ana\(crlf)Cc: other@evil.example)</author>
            <pubDate>Sun, 22 Nov 2026 22:30:00 GMT</pubDate>
            <description>Casa Alba: me cobraron dos veces el pedido y nadie responde, quiero mi reembolso ya. Es una estafa.\(crlf)Bcc: victim@evil.example</description>
            </item></channel></rss>
            """
    }
}
