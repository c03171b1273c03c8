import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Webhooks to a real HTTP receiver on 127.0.0.1 and command hooks run as real processes.
final class HookEscalationTests: XCTestCase {
    private var fixtures: EscalationFixtures!
    private var server: LoopbackServer?
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        fixtures = try EscalationFixtures()
    }

    override func tearDown() {
        server?.stop()
        fixtures?.remove()
    }

    private func settings(webhooks: [NotifierSettings.Webhook] = [], commands: [NotifierSettings.Command] = []) -> TaskSettings {
        var settings = EscalationFixtures.settings(smtpPort: nil)
        settings.ladder[0].emails = []
        settings.ladder[0].webhooks = webhooks.map(\.name)
        settings.ladder[0].commands = commands.map(\.name)
        settings.notifiers.webhooks = webhooks
        settings.notifiers.commands = commands
        return settings
    }

    private func received() throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.inbox.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.inbox.appendingPathComponent($0))) as! [String: Any] }
    }

    func testJSONAndSlackWebhooksWithRetry() throws {
        server = try LoopbackServer(script: LoopbackScripts.webhook, arguments: [fixtures.inbox.path, "1"])
        let base = "http://127.0.0.1:\(server!.port)"
        let hooks = [
            NotifierSettings.Webhook(name: "automation", url: base + "/vigia", format: .json, headers: ["X-Token": "abc"]),
            NotifierSettings.Webhook(name: "chat", url: base + "/slack", format: .slack),
        ]
        let alerter = Alerter(alertsFolder: fixtures.alerts, settings: settings(webhooks: hooks), environment: [:])
        let evil = "<!channel> pedido roto\nfatal"
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0, text: evil)], crises: [], now: t0)
        var summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.queued, 2)
        XCTAssertEqual(summary.sent, 1, "the receiver answers 500 once")
        XCTAssertEqual(summary.failed, 1)
        summary = try alerter.escalate(now: t0.addingTimeInterval(40 * 60))
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(summary.pending, 0)
        XCTAssertEqual(try alerter.escalate(now: t0.addingTimeInterval(50 * 60)).sent, 0)

        let records = try received()
        XCTAssertEqual(records.count, 2)
        let json = try XCTUnwrap(records.first { $0["path"] as? String == "/vigia" })
        let slack = try XCTUnwrap(records.first { $0["path"] as? String == "/slack" })
        let payload = try JSONSerialization.jsonObject(with: Data((json["body"] as! String).utf8)) as! [String: Any]
        XCTAssertEqual(payload["priority"] as? String, "complaint")
        XCTAssertEqual(payload["text"] as? String, evil)
        XCTAssertNotNil(payload["suggested_reply"])
        let headers = json["headers"] as! [String: String]
        XCTAssertEqual(headers["X-Token"], "abc")
        XCTAssertEqual(headers["Idempotency-Key"], payload["notice_id"] as? String)
        let slackText = (try JSONSerialization.jsonObject(with: Data((slack["body"] as! String).utf8)) as! [String: Any])["text"] as! String
        XCTAssertTrue(slackText.contains("&lt;!channel&gt;"), "post text cannot ping the channel: \(slackText)")
    }

    func testWebhookHeaderInjectionIsRefused() throws {
        server = try LoopbackServer(script: LoopbackScripts.webhook, arguments: [fixtures.inbox.path, "0"])
        let hook = NotifierSettings.Webhook(name: "bad", url: "http://127.0.0.1:\(server!.port)/", headers: ["X-A": "1\r\nX-Injected: yes"])
        let alerter = Alerter(alertsFolder: fixtures.alerts, settings: settings(webhooks: [hook]), environment: [:])
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.failed, 1)
        XCTAssertEqual(try received().count, 0)
    }

    func testCommandHookGetsJSONOnStdinWithoutAShell() throws {
        let out = fixtures.root.appendingPathComponent("hook-out.json")
        // argv is passed as is: the ';' and '$(...)' below stay literal arguments, no shell ever sees them.
        let script = "import sys; open(sys.argv[1], 'ab').write(sys.stdin.buffer.read()); sys.exit(0 if sys.argv[2] == '; rm -rf $(pwd)' else 9)"
        let hook = NotifierSettings.Command(name: "pager", argv: ["/usr/bin/python3", "-c", script, out.path, "; rm -rf $(pwd)"])
        let failing = NotifierSettings.Command(name: "broken", argv: ["/usr/bin/python3", "-c", "import sys; sys.stderr.write('nope'); sys.exit(3)"])
        let alerter = Alerter(alertsFolder: fixtures.alerts, settings: settings(commands: [hook, failing]), environment: [:])
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(summary.failed, 1)
        XCTAssertTrue(summary.notes.joined().contains("exited 3: nope"), "\(summary.notes)")
        let payload = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
        XCTAssertEqual(payload["channel"] as? String, "twitter")
        XCTAssertTrue((payload["task_id"] as? String)?.hasPrefix("t-") == true)
    }

    func testCommandHookTimeoutIsStopped() throws {
        let slow = NotifierSettings.Command(name: "slow", argv: ["/bin/sleep", "30"], timeout: 1)
        let alerter = Alerter(alertsFolder: fixtures.alerts, settings: settings(commands: [slow]), environment: [:])
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let started = Date()
        let summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.failed, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(summary.notes.joined().contains("timed out"))
    }
}
