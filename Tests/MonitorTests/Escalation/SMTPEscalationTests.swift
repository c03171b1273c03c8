import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Escalation mail through a real SMTP server (aiosmtpd) on 127.0.0.1, including the server being down.
final class SMTPEscalationTests: XCTestCase {
    private var fixtures: EscalationFixtures!
    private var server: LoopbackServer?
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        try LoopbackServer.requireAiosmtpd()
        fixtures = try EscalationFixtures()
    }

    override func tearDown() {
        server?.stop()
        fixtures?.remove()
    }

    private func startSMTP(port: Int = 0) throws -> Int {
        server = try LoopbackServer(script: LoopbackScripts.smtp, arguments: [fixtures.inbox.path, "\(port)"])
        return server!.port
    }

    private func alerter(port: Int?, hours: BusinessHours = .alwaysOpen) -> Alerter {
        Alerter(alertsFolder: fixtures.alerts, settings: EscalationFixtures.settings(smtpPort: port, hours: hours), environment: [:])
    }

    func testServerDownThenUpEveryMessageArrivesOnce() throws {
        let port = try startSMTP()
        server?.stop()  // down: the port is known but nothing listens
        let alerter = alerter(port: port)
        XCTAssertEqual(try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0), 1)

        var summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60))
        XCTAssertEqual(summary.escalations, 1)
        XCTAssertEqual(summary.queued, 1)
        XCTAssertEqual(summary.failed, 1)
        XCTAssertEqual(summary.pending, 1)
        summary = try alerter.escalate(now: t0.addingTimeInterval(31 * 60 + 30))
        XCTAssertEqual(summary.failed, 0, "backoff: not retried before it is due")
        XCTAssertEqual(summary.pending, 1)

        _ = try startSMTP(port: port)
        summary = try alerter.escalate(now: t0.addingTimeInterval(33 * 60))
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(summary.pending, 0)
        for minute in [34, 40, 50] {
            XCTAssertEqual(try alerter.escalate(now: t0.addingTimeInterval(Double(minute) * 60)).sent, 0)
        }
        let mails = try fixtures.mails()
        XCTAssertEqual(mails.count, 1)
        XCTAssertTrue(mails[0].contains("RCPT TO:<cm@example.com>") || mails[0].contains("RCPT TO:cm@example.com"), mails[0])
        XCTAssertTrue(mails[0].header("Message-ID")?.hasPrefix("<vigia-n-") == true)
        let journal = try fixtures.journalLines().joined(separator: "\n")
        XCTAssertTrue(journal.contains("\"notification_failed\""))
        XCTAssertTrue(journal.contains("\"notification_sent\""))
    }

    func testNoServerConfiguredKeepsMessagesReadable() throws {
        let alerter = alerter(port: nil)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let summary = try alerter.escalate(now: t0.addingTimeInterval(3600))
        XCTAssertEqual(summary.queued, 1)
        XCTAssertEqual(summary.failed, 0, "nothing was attempted")
        XCTAssertEqual(summary.pending, 1)
        let outbox = fixtures.alerts.appendingPathComponent("outbox")
        let texts = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".txt") }
        XCTAssertEqual(texts.count, 1)
        let text = try String(contentsOf: outbox.appendingPathComponent(texts[0]), encoding: .utf8)
        XCTAssertTrue(text.contains("Subject: [Vigía] OVERDUE"), text)
        XCTAssertTrue(text.contains("> Mi pedido llegó roto, fatal"), text)
        XCTAssertTrue(text.contains("vigia ack t-"), text)
    }

    /// At most once: an attempt interrupted before its mark is not resent; an explicit retry uses the same Message-ID.
    func testInterruptedAttemptIsNotSentTwice() throws {
        let port = try startSMTP()
        let idle = alerter(port: nil)
        try idle.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        _ = try idle.escalate(now: t0.addingTimeInterval(31 * 60))
        // Simulate a run that died right after starting the attempt (its mail may or may not have left).
        var item = try XCTUnwrap(idle.outbox.items().first)
        item.state = .sending
        item.attempts = 1
        try idle.outbox.write(item)

        let live = alerter(port: port)
        var summary = try live.escalate(now: t0.addingTimeInterval(32 * 60))
        XCTAssertEqual(summary.sent, 0)
        XCTAssertEqual(summary.uncertain, 1)
        XCTAssertEqual(try fixtures.mails().count, 0)
        XCTAssertTrue(try fixtures.journalLines().joined().contains("notification_uncertain"))
        XCTAssertEqual(try live.escalate(now: t0.addingTimeInterval(3 * 3600)).sent, 1, "only the team lead's new mail")

        summary = try live.escalate(now: t0.addingTimeInterval(3 * 3600 + 60), retryUncertain: true)
        XCTAssertEqual(summary.sent, 1)
        let ids = try fixtures.mails().compactMap { $0.header("Message-ID") }
        XCTAssertEqual(ids.count, 2)
        XCTAssertTrue(ids.contains("<\(item.messageID)>"), "the requeued message keeps its Message-ID")
    }

    /// A crash after queueing but before the journal line: the recomputed decision has the same ids, so nothing doubles.
    func testCrashBetweenOutboxAndJournalQueuesNothingTwice() throws {
        let port = try startSMTP()
        let alerter = alerter(port: port)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        let now = t0.addingTimeInterval(31 * 60)
        let decisions = Escalation.due(book: try alerter.loadBook(), settings: alerter.settings, now: now)
        XCTAssertEqual(try alerter.outbox.enqueue(decisions.flatMap(\.notices)), 1)
        // (the run dies here: no journal line)
        let summary = try alerter.escalate(now: now.addingTimeInterval(60))
        XCTAssertEqual(summary.queued, 0)
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(try fixtures.mails().count, 1)
    }

    /// A simulated weekend day of the whole ladder: a Friday-evening complaint with office hours (Mon–Fri 9–20,
    /// Sat 10–14, Madrid) is due Saturday 10:15; warning, community manager, team lead, then the committee.
    func testWholeLadderAcrossTheWeekend() throws {
        let port = try startSMTP()
        let weekday = [BusinessHours.Span(open: 540, close: 1200)]
        let hours = BusinessHours(
            week: [[], weekday, weekday, weekday, weekday, weekday, [.init(open: 600, close: 840)]],
            timeZone: EscalationFixtures.madrid)
        let alerter = alerter(port: port, hours: hours)
        let friday = EscalationFixtures.madridTime(2026, 11, 27, 19, 45)
        try alerter.file([EscalationFixtures.complaint(id: "m1", postedAt: friday)], crises: [], now: friday)
        let task = try XCTUnwrap(alerter.loadBook().tasks.first)
        XCTAssertEqual(task.deadline, EscalationFixtures.madridTime(2026, 11, 28, 10, 15))
        XCTAssertTrue(task.suggestedReply.contains("lun–vie 09:00–20:00"), "the reply tells the hours: \(task.suggestedReply)")

        let steps: [(Date, Int)] = [
            (EscalationFixtures.madridTime(2026, 11, 27, 20, 30), 0),
            (EscalationFixtures.madridTime(2026, 11, 28, 10, 6), 1),  // warning to the community manager
            (EscalationFixtures.madridTime(2026, 11, 28, 10, 16), 1),  // overdue: community manager
            (EscalationFixtures.madridTime(2026, 11, 28, 10, 45), 0),
            (EscalationFixtures.madridTime(2026, 11, 28, 11, 16), 1),  // team lead
            (EscalationFixtures.madridTime(2026, 11, 28, 14, 16), 2),  // committee (two addresses)
            (EscalationFixtures.madridTime(2026, 11, 29, 12, 0), 0),
        ]
        for (now, expected) in steps {
            let summary = try alerter.escalate(now: now)
            XCTAssertEqual(summary.sent, expected, "at \(ISOTime.format(now)): \(summary.line) \(summary.notes)")
        }
        let recipients = try fixtures.mails().map { mail in
            mail.split(separator: "\n").filter { $0.hasPrefix("RCPT TO:") }.map(String.init).joined()
        }
        XCTAssertEqual(recipients.count, 5)
        XCTAssertTrue(recipients[0].contains("cm@example.com") && recipients[1].contains("cm@example.com"))
        XCTAssertTrue(recipients[2].contains("lead@example.com"))
        XCTAssertTrue(recipients[3...].allSatisfy { $0.contains("example.org") })
        let subjects = try fixtures.mails().compactMap { $0.header("Subject") }
        XCTAssertTrue(subjects[0].contains("About to breach") || subjects[0].contains("=?"), subjects[0])
    }
}

extension SMTPEscalationTests {
    /// A first run over a backlog: ten overdue complaints reach each person as one digest, not ten mails; a crash
    /// before the journal line does not queue the digest's notices again.
    func testBacklogIsOneDigestPerRecipient() throws {
        let port = try startSMTP()
        let alerter = alerter(port: port)
        let mentions = (0..<10).map { EscalationFixtures.complaint(id: "m\($0)", postedAt: t0, handle: "@c\($0)") }
        XCTAssertEqual(try alerter.file(mentions, crises: [], now: t0), 10)
        let now = t0.addingTimeInterval(2 * 3600)
        // The crashed run: decisions queued as a digest, no journal line.
        let decisions = Escalation.due(book: try alerter.loadBook(), settings: alerter.settings, now: now)
        XCTAssertEqual(decisions.count, 20, "two levels reached for each task")
        let digests = NoticeDigest.combine(decisions.flatMap(\.notices), limit: 3, now: now)
        XCTAssertEqual(digests.count, 2)
        XCTAssertEqual(try alerter.outbox.enqueue(digests), 2)

        let summary = try alerter.escalate(now: now.addingTimeInterval(120))
        XCTAssertEqual(summary.escalations, 20)
        XCTAssertEqual(summary.queued, 0, "the recomputed digests are the same ones")
        XCTAssertEqual(summary.sent, 2)
        let mails = try fixtures.mails()
        XCTAssertEqual(mails.count, 2)
        XCTAssertTrue(mails.allSatisfy { $0.contains("10 tasks need attention") }, mails[0])
        XCTAssertEqual(try alerter.escalate(now: now.addingTimeInterval(600)).sent, 0)
        let sentLines = try fixtures.journalLines().filter { $0.contains("\"notification_sent\"") }
        XCTAssertEqual(sentLines.count, 20, "one journal line per task per digest")
    }
}

extension SMTPEscalationTests {
    /// Marked sent but not yet moved (a crash between the two): moved on the next run, never sent again.
    func testSentButNotMovedIsSettledNotResent() throws {
        let port = try startSMTP()
        let idle = alerter(port: nil)
        try idle.file([EscalationFixtures.complaint(id: "m1", postedAt: t0)], crises: [], now: t0)
        _ = try idle.escalate(now: t0.addingTimeInterval(31 * 60))
        var item = try XCTUnwrap(idle.outbox.items().first)
        item.state = .sent
        try idle.outbox.write(item)
        let summary = try alerter(port: port).escalate(now: t0.addingTimeInterval(32 * 60))
        XCTAssertEqual(summary.sent, 0)
        XCTAssertEqual(summary.pending, 0)
        XCTAssertEqual(try fixtures.mails().count, 0)
        XCTAssertEqual(idle.outbox.sentCount(), 1)
    }

    /// Two runs at once: the second does not deliver while the first holds the outbox.
    func testBusyOutboxIsSkipped() throws {
        let alerter = alerter(port: nil)
        try AtomicFile.ensureFolder(alerter.outbox.folder)
        let held = try XCTUnwrap(OutboxLock(folder: alerter.outbox.folder))
        let summary = try alerter.escalate(now: t0)
        XCTAssertTrue(summary.notes.joined().contains("another vigia run"))
        held.release()
        XCTAssertTrue(try alerter.escalate(now: t0).notes.isEmpty)
    }
}

extension SMTPEscalationTests {
    /// Post text and author names reach the subject and body; they can never add a header or a recipient.
    func testHostilePostCannotInjectHeaders() throws {
        let port = try startSMTP()
        let alerter = alerter(port: port)
        let mention = Mention(
            id: "evil", sources: ["tw"], channel: "twitter",
            author: Author(name: "Eve\r\nBcc: everyone@example.net", handle: "@eve\nX-Evil: 1"),
            text: "fatal\r\n.\r\nMAIL FROM:<x@example.net>\r\nBcc: all@example.net", url: "https://twitter.example/evil",
            publishedAt: t0, fetchedAt: t0)
        let assessed = AssessedMention(
            mention: mention, sentiment: Sentiment(score: -0.8, label: .negative, language: "en", terms: []),
            triage: Triage(intent: .complaint, categories: ["fraud"]))
        try alerter.file([assessed], crises: [], now: t0)
        XCTAssertEqual(try alerter.escalate(now: t0.addingTimeInterval(31 * 60)).sent, 1)
        let mail = try XCTUnwrap(try fixtures.mails().first)
        let recipients = mail.split(separator: "\n").filter { $0.hasPrefix("RCPT TO:") }
        XCTAssertEqual(recipients.count, 1, mail)
        let headerBlock = mail.components(separatedBy: "\r\n\r\n")[0]
        XCTAssertNotNil(headerBlock.header("Subject"), "the header block was found")
        XCTAssertNil(headerBlock.header("Bcc"), headerBlock)
        XCTAssertNil(headerBlock.header("X-Evil"), headerBlock)
    }
}
