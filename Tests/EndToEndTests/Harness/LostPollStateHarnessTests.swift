import Foundation
import XCTest

/// Issue 19: a lost `state/poll-state.json` is rebuilt from the mention log. After days of posts, with most tasks
/// answered, closed and retired from the task book, the poll state is deleted; the next poll must file nothing
/// twice, log nothing twice and still file a new post once, and the state it rebuilds must be the one the never-lost
/// workspace holds (seen sets equal, crisis baselines close: the detector knows the usual volume).
final class LostPollStateHarnessTests: XCTestCase {
    private let days = 4, pollsPerDay = 2, postsPerPoll = 6
    private let texts = [
        "Mi pedido no llega, tarde otra vez", "¿A qué hora abre la tienda de Valencia?",
        "Gracias, me encanta el servicio", "Quiero mi reembolso ya, llevo semanas esperando",
        "Hoy fui a la tienda del centro", "El paquete llegó roto, ¿qué hago?",
    ]

    func testLostPollStateIsRebuiltWithoutFilingOrLoggingTwice() throws {
        let kept = try HarnessWorkspace("lost-kept")
        defer { kept.remove() }
        try kept.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        // Every post so far is served again at each poll: the rebuilt seen sets must know them all.
        let start = ISO8601DateFormatter().date(from: "2026-03-02T00:00:00Z")!
        let history = try pollDays(kept, days: self.days, pollsPerDay: pollsPerDay, from: start) { day, poll, now in
            (0..<self.postsPerPoll).map { index in
                self.post("d\(day)p\(poll)i\(index)", text: self.texts[(day + index) % self.texts.count],
                          author: "@cliente\((day * 7 + index) % 9)", at: now.addingTimeInterval(-Double(index) * 60 - 120))
            }
        }
        var served = history.served
        let now = history.last
        let lost = try kept.twin(as: "lost-twin")
        defer { lost.remove() }
        try FileManager.default.removeItem(at: lost.alerts.appendingPathComponent("state/poll-state.json"))

        // A new post, from a customer not seen before, in a normal hour.
        let final = now.addingTimeInterval(3_600)
        served.append(post("new-after-loss", text: texts[0], author: "@cliente-nuevo", at: final.addingTimeInterval(-300)))
        var outcomes: [ChildProcess.Outcome] = []
        for workspace in [kept, lost] {
            try workspace.writeSocialFeed(served)
            let before = AlertsAudit(workspace.alerts).kinds["filed"] ?? 0
            let outcome = try workspace.run(["--json", "--now", stamp(final), "poll"], extraEnvironment: ["VIGIA_TIMINGS": "1"])
            try expectCompletedPoll(outcome, "the poll after the loss")
            outcomes.append(outcome)
            let audit = AlertsAudit(workspace.alerts)
            XCTAssertEqual(audit.violations, [], workspace.root.lastPathComponent)
            XCTAssertEqual(audit.mentionLines, served.count, "every post served logged once, the new one too")
            XCTAssertEqual((audit.kinds["filed"] ?? 0) - before, 1, "only the new post filed: \(outcome.summary)")
        }
        XCTAssertTrue(outcomes[1].stderr.contains("rebuilt from the mention log"), outcomes[1].stderr)
        XCTAssertFalse(outcomes[0].stderr.contains("(0 retired)"), "closed tasks were retired: \(outcomes[0].stderr)")
        let summaries = try outcomes.map { try JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: Any] }
        XCTAssertEqual(summaries[1]?["crises"] as? Int, summaries[0]?["crises"] as? Int, "no crisis raised again")
        XCTAssertEqual(summaries[1]?["crises"] as? Int, 0, "a normal hour after the rebuild raises no crisis")

        let keptState = try pollState(kept), lostState = try pollState(lost)
        for key in ["seen", "seen_texts", "seen_sources", "checkpoint"] {
            XCTAssertEqual(lostState[key] as? NSDictionary, keptState[key] as? NSDictionary, "\(key) rebuilt as it was")
        }
        try expectCloseBaselines(kept: keptState, rebuilt: lostState)
    }

    /// A feed that fails on the first poll after the state was lost, then serves a post it served 40 days before (a
    /// review page keeps its reviews): the rebuild dates the feed's last serving by the newest post it logged, so the
    /// other feed's poll does not forget that post, and it is not logged or filed again.
    func testAFeedFailingAfterTheLossStillKnowsItsOldPosts() throws {
        let workspace = try HarnessWorkspace.social("lost-state-failing-feed")
        defer { workspace.remove() }
        try workspace.writeFeed(id: "reviews", url: "file:reviews.json", format: "jsonfeed")
        let start = Date().addingTimeInterval(-60 * 86_400)
        let review = socialPost("review-1", at: start.addingTimeInterval(-600), text: "@casaalba el pedido llegó roto, fatal")
        try writeReviews([review], in: workspace)
        try workspace.writeSocialFeed([socialPost("first", at: start.addingTimeInterval(-300))])
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start), "poll"]), "day 0, both feeds")

        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        try FileManager.default.removeItem(at: workspace.feeds.appendingPathComponent("reviews.json"))
        let later = start.addingTimeInterval(40 * 86_400)
        try workspace.writeSocialFeed([socialPost("second", at: later.addingTimeInterval(-300))])
        let failing = try workspace.run(["--json", "--now", stamp(later), "poll"])
        XCTAssertEqual(failing.status, 1, "the reviews feed fails: \(failing.summary)")

        try writeReviews([review], in: workspace)
        try expectCompletedPoll(
            workspace.run(["--json", "--now", stamp(later.addingTimeInterval(86_400)), "poll"]), "the reviews feed back")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, 3, "first, the review and second, each logged once")
    }

    private func writeReviews(_ items: [[String: Any]], in workspace: HarnessWorkspace) throws {
        try workspace.writeJSON(["version": "https://jsonfeed.org/version/1.1", "title": "r", "items": items], to: "reviews.json")
    }

    /// A run that logged a post and died before filing it, then lost its state: the rebuild checks the last day
    /// again and files that post once, and nothing else. An unreadable state is refused with the way out, which works.
    func testLastDayIsCheckedAgainAndUnreadableStateSaysHowToRebuild() throws {
        let workspace = try HarnessWorkspace("lost-crash")
        defer { workspace.remove() }
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        let start = ISO8601DateFormatter().date(from: "2026-03-02T12:00:00Z")!
        var served: [[String: Any]] = []
        for day in 0..<3 {
            let now = start.addingTimeInterval(Double(day) * 86_400)
            for index in 0..<4 {
                served.append(post("c\(day)i\(index)", text: texts[index], author: "@c\(day)\(index)", at: now.addingTimeInterval(-Double(index + 1) * 60)))
            }
            try workspace.writeSocialFeed(served)
            try expectCompletedPoll(workspace.run(["--json", "--now", stamp(now), "poll"]), "day \(day)")
            try answerMost(workspace, at: now.addingTimeInterval(30))
        }
        // The crashed run's post: a logged complaint of the last day that no task answers.
        let mentions = workspace.alerts.appendingPathComponent("mentions")
        let newest = try FileManager.default.contentsOfDirectory(atPath: mentions.path).filter { $0.hasPrefix("20") }.max()!
        let lines = try String(contentsOf: mentions.appendingPathComponent(newest), encoding: .utf8).split(separator: "\n")
        var record = try XCTUnwrap(lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { ($0["triage"] as? [String: Any])?["intent"] as? String != "other" })
        var mention = try XCTUnwrap(record["mention"] as? [String: Any])
        mention["id"] = "m-logged-not-filed"
        mention["url"] = "https://social.example/logged-not-filed"
        mention["author"] = ["name": "@otro-cliente"]
        record["mention"] = mention
        let handle = try FileHandle(forWritingTo: mentions.appendingPathComponent(newest))
        handle.seekToEndOfFile()
        handle.write(try JSONSerialization.data(withJSONObject: record) + Data("\n".utf8))
        try handle.close()

        let state = workspace.alerts.appendingPathComponent("state/poll-state.json")
        try Data("{\"version\": 1, \"feeds\": ".utf8).write(to: state)
        let later = start.addingTimeInterval(2 * 86_400 + 600)
        let refused = try workspace.run(["--json", "--now", stamp(later), "poll"])
        XCTAssertNotEqual(refused.status, 0, refused.summary)
        XCTAssertTrue(refused.stderr.contains("move it aside: the next poll rebuilds it from the mention log"), refused.stderr)
        try FileManager.default.moveItem(at: state, to: state.appendingPathExtension("aside"))

        let before = AlertsAudit(workspace.alerts)
        let rebuilt = try workspace.run(["--json", "--now", stamp(later), "poll"])
        try expectCompletedPoll(rebuilt, "the poll after moving the state aside")
        XCTAssertTrue(rebuilt.stderr.contains("rebuilt from the mention log"), rebuilt.stderr)
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.tasksPerMention["m-logged-not-filed"], 1, "the logged post filed once: \(rebuilt.summary)")
        XCTAssertEqual((audit.kinds["filed"] ?? 0) - (before.kinds["filed"] ?? 0), 1, "and nothing else filed")
        XCTAssertEqual(audit.mentionLines, before.mentionLines, "nothing logged again")
    }

    /// Posts held by the flood cap have no task of their own but are summed in the feed's flood task (which lists
    /// the first 20): the rebuild leaves them all there, and files neither them nor a second flood task.
    func testPostsSummedInAFloodAreNotFiledAgain() throws {
        let workspace = try HarnessWorkspace("lost-flood")
        defer { workspace.remove() }
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        try workspace.writeMonitor(["polling": ["max_new_tasks_per_feed": 2]])
        let now = ISO8601DateFormatter().date(from: "2026-03-02T12:00:00Z")!
        let served = (0..<30).map { index in
            post("f\(index)", text: texts[3], author: "@f\(index)", at: now.addingTimeInterval(-Double(index + 1) * 60))
        }
        try workspace.writeSocialFeed(served)
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(now), "poll"]), "the flooded poll")
        let before = AlertsAudit(workspace.alerts)
        XCTAssertEqual(before.kinds["filed"], 3, "two posts filed and one flood task for the rest")
        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        let rebuilt = try workspace.run(["--json", "--now", stamp(now.addingTimeInterval(600)), "poll"])
        try expectCompletedPoll(rebuilt, "the poll after the loss")
        XCTAssertTrue(rebuilt.stderr.contains("8 left summed in the flood task of their feed"), rebuilt.stderr)
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.kinds["filed"], before.kinds["filed"], "nothing filed again: \(rebuilt.summary)")
        XCTAssertEqual(audit.mentionLines, served.count)
    }

    // MARK: helpers

    private func post(_ id: String, text: String, author: String, at date: Date) -> [String: Any] {
        [
            "id": id, "url": "https://social.example/\(id)", "content_text": text,
            "date_published": stamp(date), "authors": [["name": author]],
        ]
    }

    private func pollState(_ workspace: HarnessWorkspace) throws -> [String: Any] {
        let data = try Data(contentsOf: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The rebuilt detector holds the same scopes, and each baseline's level is within 5 % of the never-lost one
    /// (an empty detector has none; exactness is not promised when mentions came late, see `PollStateRebuild`).
    private func expectCloseBaselines(kept: [String: Any], rebuilt: [String: Any]) throws {
        func levels(_ state: [String: Any]) -> [String: [Double]] {
            let series = ((state["crisis"] as? [String: Any])?["series"] as? [[String: Any]]) ?? []
            var byScope: [String: [Double]] = [:]
            for item in series {
                let scope = (item["scope"] as? [String: Any]).map { "\($0["kind"] ?? "")/\($0["name"] ?? "")" } ?? "?"
                byScope[scope] = ((item["baselines"] as? [[String: Any]]) ?? []).compactMap { $0["level"] as? Double }
            }
            return byScope
        }
        let expected = levels(kept), actual = levels(rebuilt)
        XCTAssertFalse(expected.isEmpty, "the never-lost detector has scopes")
        XCTAssertEqual(Set(actual.keys), Set(expected.keys), "the rebuilt detector knows the same scopes")
        for (scope, want) in expected {
            let got = actual[scope] ?? []
            XCTAssertEqual(got.count, want.count, scope)
            for (a, b) in zip(got, want) {
                XCTAssertLessThanOrEqual(abs(a - b), 0.05 * max(abs(b), 0.01), "\(scope): baseline \(a) vs \(b)")
            }
        }
    }
}
