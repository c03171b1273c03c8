import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Issue 13.16: a command hook runs with a clean environment — the SMTP password and the feeds' tokens that
/// Vigía's own environment holds never reach it.
final class CommandHookEnvironmentTests: XCTestCase {
    private var fixtures: EscalationFixtures!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    private let secrets = ["VIGIA_SMTP_PASSWORD": "hunter2", "X_TOKEN": "feed-t0ken", "CHAT_WEBHOOK_URL": "https://hooks.example/s3cret"]

    override func setUpWithError() throws {
        fixtures = try EscalationFixtures()
        for (name, value) in secrets { setenv(name, value, 1) }
    }

    override func tearDown() {
        for name in secrets.keys { unsetenv(name) }
        fixtures?.remove()
    }

    func testTheHookSeesNoSecrets() throws {
        let out = fixtures.root.appendingPathComponent("hook-env.txt")
        let hook = NotifierSettings.Command(name: "pager", argv: ["/bin/sh", "-c", "env > \"$0\"", out.path])
        var settings = EscalationFixtures.settings(smtpPort: nil)
        settings.ladder[0].emails = []
        settings.ladder[0].commands = ["pager"]
        settings.notifiers.commands = [hook]
        let alerter = Alerter(alertsFolder: fixtures.alerts, settings: settings, environment: secrets)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        XCTAssertEqual(try alerter.escalate(now: t0.addingTimeInterval(31 * 60)).sent, 1)
        let environment = try String(contentsOf: out, encoding: .utf8)
        for (name, value) in secrets {
            XCTAssertFalse(environment.contains(value), "\(name) reached the hook:\n\(environment)")
        }
        XCTAssertTrue(environment.contains("VIGIA_NOTICE_ID="), environment)
        XCTAssertTrue(environment.contains("PATH="), environment)
    }
}
