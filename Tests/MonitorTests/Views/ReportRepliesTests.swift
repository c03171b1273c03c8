import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The report measures first response from `replied` events (acknowledgements stand in only for tasks answered
/// outside Vigía, counted apart) and has a table per person; `vigia alerts --json` shows the reply.
final class ReportRepliesTests: XCTestCase {
    /// The fixture week (ana acknowledges six late-delivery complaints and closes one), plus luis replying through
    /// Vigía to the two complaints left unanswered: the refund 5 minutes after filing (in time), the image post
    /// an hour after (late).
    private func journal() -> (events: [JournalEvent], refund: ResponseTask, image: ResponseTask) {
        var events = ViewFixtures.journal(for: ViewFixtures.weekOfMentions())
        let book = TaskBook(events: events)
        let refund = book.task(forMention: "refund1")!
        let image = book.task(forMention: "x2")!
        for (task, delay, visibility) in [(refund, 300.0, ReplyVisibility.public), (image, 3600, .private)] {
            var intent = JournalEvent(at: task.filedAt.addingTimeInterval(delay - 1), kind: .replyIntent, taskID: task.id, by: "luis")
            intent.reply = ReplyRecord(key: "k-\(task.id)", visibility: visibility, text: "Hola, lo sentimos. —LG")
            var replied = JournalEvent(at: task.filedAt.addingTimeInterval(delay), kind: .replied, taskID: task.id, by: "luis")
            replied.reply = ReplyRecord(
                key: "k-\(task.id)", visibility: visibility, text: "Hola, lo sentimos. —LG", account: "@casaalba",
                postID: "reply-\(task.id)", url: visibility == .public ? "https://example.social/reply/\(task.id)" : nil)
            events += [intent, replied]
        }
        return (events, refund, image)
    }

    private func report(_ events: [JournalEvent]) -> Report {
        Report.build(
            ReportInput(
                brand: "Casa Alba", mentions: ViewFixtures.weekOfMentions(), history: TaskHistory(events: events),
                policy: TaskPolicy(), windowStart: ViewFixtures.now.addingTimeInterval(-7 * 86_400),
                now: ViewFixtures.now, timeZone: TimeZone(identifier: "Europe/Madrid")!))
    }

    func testFirstResponseComesFromRepliedEventsAndAcknowledgementsStandInOnlyForTheRest() throws {
        let before = try XCTUnwrap(report(ViewFixtures.journal(for: ViewFixtures.weekOfMentions())).responses.first { $0.priority == "complaint" })
        XCTAssertEqual([before.responded, before.fromReplies, before.fromAcknowledgements], [6, 0, 6])

        let complaint = try XCTUnwrap(report(journal().events).responses.first { $0.priority == "complaint" })
        XCTAssertEqual(complaint.tasks, 8)
        XCTAssertEqual(complaint.responded, 8)
        XCTAssertEqual(complaint.fromReplies, 2)
        XCTAssertEqual(complaint.fromAcknowledgements, 6)
        // Posts are filed 2 minutes after they appear: 420 s and 3,720 s join six of 720 s (ana's 10 minutes)
        // and one of 7,320 s — sorted 420, 720 ×5, 3720, 7320.
        XCTAssertEqual(complaint.medianSeconds, 720)
        XCTAssertEqual(complaint.p90Seconds!, 3720 + (7320 - 3720) * 0.3, accuracy: 1e-6)
        XCTAssertEqual(complaint.withinSLA, 6, "five of ana's and the refund")
        XCTAssertEqual(complaint.breached, 2, "ana's two-hour answer and the reply an hour late")
        XCTAssertTrue(report(journal().events).responseTimeBasis.contains("first reply sent through Vigía"))
    }

    func testAReplyCountsEvenWhenAnAcknowledgementCameFirst() throws {
        // A task acknowledged by hand and then answered through Vigía: the reply is what the customer saw.
        let (all, refund, _) = journal()
        var events = all.filter { !($0.taskID == refund.id && $0.kind == .replied) }
        events.append(JournalEvent(at: refund.filedAt.addingTimeInterval(60), kind: .acknowledged, taskID: refund.id, by: "ana"))
        var late = JournalEvent(at: refund.filedAt.addingTimeInterval(900), kind: .replied, taskID: refund.id, by: "luis")
        late.reply = ReplyRecord(key: "k2", visibility: .public, postID: "r2")
        events.append(late)
        let record = try XCTUnwrap(TaskHistory(events: events).records.first { $0.task.id == refund.id })
        XCTAssertEqual(record.firstResponse?.basis, .reply)
        XCTAssertEqual(record.firstResponse?.by, "luis")
        XCTAssertEqual(record.firstResponseAt, refund.filedAt.addingTimeInterval(900))
    }

    func testTheTablePerPersonCountsRepliesFirstResponsesSLAAndClosings() throws {
        let people = report(journal().events).people
        XCTAssertEqual(people.map(\.person), ["luis", "ana"], "most replies first")
        let luis = people[0], ana = people[1]
        XCTAssertEqual(luis.repliesSent, 2, "public and private; the intents are not replies")
        XCTAssertEqual(luis.firstResponses, 2)
        XCTAssertEqual(luis.outsideVigia, 0)
        XCTAssertEqual(luis.medianSeconds!, (420 + 3720) / 2, accuracy: 1e-6)
        XCTAssertEqual(luis.p90Seconds!, 420 + 3300 * 0.9, accuracy: 1e-6)
        XCTAssertEqual(luis.withinSLA, 1)
        XCTAssertEqual(luis.withinSLAShare!, 50, accuracy: 1e-9)
        XCTAssertEqual(luis.closedConfirmed, 0)
        XCTAssertEqual(ana.repliesSent, 0)
        XCTAssertEqual(ana.firstResponses, 6)
        XCTAssertEqual(ana.outsideVigia, 6, "acknowledged: answered outside Vigía")
        XCTAssertEqual(ana.medianSeconds, 720)
        XCTAssertEqual(ana.withinSLAShare!, 500.0 / 6, accuracy: 1e-9)
        XCTAssertEqual(ana.closedConfirmed, 1)

        let shorter = Report.build(
            ReportInput(
                brand: "", mentions: ViewFixtures.weekOfMentions(), history: TaskHistory(events: journal().events),
                policy: TaskPolicy(), windowStart: ViewFixtures.now.addingTimeInterval(-86_400), now: ViewFixtures.now,
                timeZone: .gmt))
        XCTAssertEqual(shorter.people.map(\.person), ["luis"], "only the image reply (2 h ago) is in a one-day window")
        XCTAssertEqual(shorter.people.first?.repliesSent, 1)
    }

    func testEveryRenderingShowsTheTableAndTheBasis() throws {
        let report = report(journal().events)
        let text = ReportText(report: report).render()
        XCTAssertTrue(text.contains("People (replies sent"), text)
        let median = DurationText.describe(2070)
        XCTAssertTrue(text.contains("  luis" + String(repeating: " ", count: 11) + "replies 2, first responses 2: median \(median)"), text)
        XCTAssertTrue(text.contains("  ana" + String(repeating: " ", count: 12) + "replies 0, first responses 6 (6 answered outside Vigía)"), text)
        XCTAssertTrue(text.contains("2 from replies sent through Vigía, 6 from acknowledgements"), text)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try ReportJSON.render(report).utf8)) as? [String: Any])
        let rows = try XCTUnwrap(json["people"] as? [[String: Any]])
        XCTAssertEqual(rows.first?["person"] as? String, "luis")
        XCTAssertEqual(rows.first?["replies_sent"] as? Int, 2)
        XCTAssertEqual(rows.first?["within_sla_share"] as? Double, 50)
        XCTAssertEqual(rows.last?["closed_confirmed"] as? Int, 1)
        let html = ReportHTML(report: report, openTasks: []).render()
        XCTAssertTrue(html.contains("<h2>People who answer</h2>"))
        XCTAssertTrue(html.contains("<tr><td>luis</td><td>2</td><td>2</td>"), html)
    }

    func testAHostileNameGivenWithByStaysInertInEveryRendering() throws {
        let (all, refund, _) = journal()
        var events = all
        let name = "<img src=x onerror=alert(1)>\u{1B}[31m"
        var replied = JournalEvent(at: refund.filedAt.addingTimeInterval(30), kind: .replied, taskID: refund.id, by: name)
        replied.reply = ReplyRecord(key: "k3", visibility: .public, postID: "r3")
        events.append(replied)
        let report = report(events)
        XCTAssertTrue(report.people.contains { $0.person == name })
        let html = ReportHTML(report: report, openTasks: []).render()
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertFalse(ReportText(report: report).render().contains("\u{1B}"), "no escape sequence reaches the terminal")
    }

    func testAlertsJSONShowsWhenAndWhereTheReplyWent() throws {
        let (events, refund, image) = journal()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-replies-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(events)
        let output = folder.appendingPathComponent("out.jsonl")
        FileManager.default.createFile(atPath: output.path, contents: Data())
        let handle = try FileHandle(forWritingTo: output)
        let context = TaskCommandContext(
            alertsFolder: folder, feedsFolder: folder, settings: .default, now: ViewFixtures.now, environment: [:],
            output: handle, errors: handle)
        XCTAssertEqual(try TaskCommands.alerts(filter: .all, json: true, context: context), 0)
        try handle.close()
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let byID = Dictionary(uniqueKeysWithValues: lines.map { ($0["id"] as? String ?? "", $0) })
        XCTAssertEqual(byID[refund.id]?["replied_at"] as? String, ISOTime.format(refund.filedAt.addingTimeInterval(300)))
        XCTAssertEqual(byID[refund.id]?["reply_url"] as? String, "https://example.social/reply/\(refund.id)")
        XCTAssertEqual(byID[refund.id]?["state"] as? String, "acknowledged", "a reply acknowledges the task")
        XCTAssertNotNil(byID[image.id]?["replied_at"] as? String)
        XCTAssertTrue(byID[image.id]?["reply_url"] is NSNull, "a private message has no public address: null, not absent")
        XCTAssertGreaterThan(lines.count, 2)
        let unanswered = try XCTUnwrap(lines.first { ![refund.id, image.id].contains($0["id"] as? String ?? "") })
        XCTAssertTrue(unanswered["replied_at"] is NSNull)
        XCTAssertTrue(unanswered["reply_url"] is NSNull)
    }
}
