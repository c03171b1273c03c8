import Foundation
import XCTest

/// Attacks on the poll state: each test is a way a post was recorded twice or a task filed twice (each failed before
/// the seen sets were dated by the day of recording and the flood task was looked up in the book).
final class PollStateAttackTests: XCTestCase {
    /// A poll over the new-task cap, killed after its journal append but before poll-state.json is saved (simulated
    /// by putting the state of before the poll back), and rerun a minute later: one flood, so one flood task.
    func testFloodTaskIsFiledOnceAfterAKillBeforeTheStateSave() throws {
        let workspace = try HarnessWorkspace.social("attack-flood", monitor: ["polling": ["max_new_tasks_per_feed": 5]])
        defer { workspace.remove() }
        let start = ISO8601DateFormatter().date(from: "2026-11-22T18:00:00Z")!
        try workspace.writeSocialFeed([socialPost("first", at: start)])
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(600)), "poll"]), "first")
        let state = workspace.alerts.appendingPathComponent("state/poll-state.json")
        let before = try Data(contentsOf: state)
        try workspace.writeSocialFeed((0..<20).map { socialPost("burst\($0)", at: start.addingTimeInterval(900 + Double($0) * 30)) })
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1800)), "poll"]), "burst")
        try before.write(to: state)
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1860)), "poll"]), "rerun")
        let open = try workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1900)), "alerts"]).stdout
        let floods = open.split(separator: "\n").filter { $0.contains("\"source_health\"") }
        XCTAssertEqual(floods.count, 1, "flood tasks open after the rerun:\n\(floods.joined(separator: "\n"))")
    }

    /// Two kills in a row over the cap: a run killed after its mention-log append and before filing (journal and task
    /// checkpoint put back), a rerun that files the flood task of the posts it recovered and is killed before its
    /// state save (the state put back), and a third run that recovers them again: still one flood task.
    func testFloodTaskIsFiledOnceAfterTwoKillsInARow() throws {
        let workspace = try HarnessWorkspace.social("attack-flood-two-kills", monitor: ["polling": ["max_new_tasks_per_feed": 5]])
        defer { workspace.remove() }
        let start = ISO8601DateFormatter().date(from: "2026-11-22T18:00:00Z")!
        var served = [socialPost("first", at: start.addingTimeInterval(-3600))]
        try workspace.writeSocialFeed(served)
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start), "poll"]), "first")
        let files = ["state/poll-state.json", "journal.jsonl", "state/tasks-checkpoint.jsonl"].map {
            workspace.alerts.appendingPathComponent($0)
        }
        let before = files.map { try? Data(contentsOf: $0) }
        func putBack(_ count: Int) throws {
            for (file, data) in zip(files, before).prefix(count) {
                if let data { try data.write(to: file) } else { try? FileManager.default.removeItem(at: file) }
            }
        }
        served += (0..<10).map { socialPost("a\($0)", at: start.addingTimeInterval(600 + Double($0) * 60)) }
        try workspace.writeSocialFeed(served)
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1800)), "poll"]), "killed")
        try putBack(3)  // killed after the mention-log append, before filing
        served += (0..<10).map { socialPost("b\($0)", at: start.addingTimeInterval(1800 + Double($0) * 5)) }
        try workspace.writeSocialFeed(served)
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1860)), "poll"]), "rerun")
        try putBack(1)  // killed after the journal append, before the state save
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1920)), "poll"]), "third")
        let open = try workspace.run(["--json", "--now", stamp(start.addingTimeInterval(1980)), "alerts"]).stdout
        let floods = open.split(separator: "\n").filter { $0.contains("\"source_health\"") }
        XCTAssertEqual(floods.count, 1, "flood tasks open after two kills:\n\(floods.joined(separator: "\n"))")
    }

    /// A post dated more than the seen-margin before the feed's other posts, served, left out once, then served
    /// again (a reordered search, a feed window that moves): it is one post, so one line in the mention log.
    func testAnOldDatedPostServedAgainIsNotRecordedTwice() throws {
        let workspace = try HarnessWorkspace.social("attack-old-dated")
        defer { workspace.remove() }
        let now = ISO8601DateFormatter().date(from: "2026-11-22T20:00:00Z")!
        let recent = socialPost("recent", at: now.addingTimeInterval(-3600))
        let old = socialPost("old", at: ISO8601DateFormatter().date(from: "2025-01-01T00:00:00Z")!)
        for (minute, items) in [(0, [recent, old]), (5, [recent]), (10, [recent, old])] {
            try workspace.writeSocialFeed(items)
            let at = stamp(now.addingTimeInterval(Double(minute) * 60))
            try expectCompletedPoll(workspace.run(["--json", "--now", at, "poll"]), "poll at +\(minute)m")
        }
        let lines = try mentionLines(workspace)
        XCTAssertEqual(lines.count, 2, "mention log lines for 2 posts:\n\(lines.map { $0.prefix(160) }.joined(separator: "\n"))")
    }

    /// Posts dated long ago (a made-up date, a 1970 default) recorded today, the poll state lost, and the feed serving
    /// them again: the rebuild from the mention log remembers them by the day they were recorded, so none is new.
    func testALostStateRebuiltRemembersOldDatedPostsRecordedToday() throws {
        let workspace = try HarnessWorkspace.social("attack-rebuild-old-dated")
        defer { workspace.remove() }
        let now = ISO8601DateFormatter().date(from: "2026-11-22T20:00:00Z")!
        let dates = ["2026-11-22T19:00:00Z", "2025-01-01T00:00:00Z", "1970-01-02T00:00:00Z"]
        try workspace.writeSocialFeed(dates.enumerated().map {
            socialPost("p\($0.offset)", at: ISO8601DateFormatter().date(from: $0.element)!)
        })
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(now), "poll"]), "first poll")
        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        try expectCompletedPoll(workspace.run(["--json", "--now", stamp(now.addingTimeInterval(300)), "poll"]), "rebuilt")
        XCTAssertEqual(try mentionLines(workspace).count, 3, "mention log lines for 3 posts")
    }

    /// A post a feed serves for 40 days (a pinned post, a "top" search, a review page), answered and closed on day 0,
    /// left out of the window by one poll and back the next: the same post, so no new mention and no second task.
    /// And the same after the poll state is lost: the rebuild knows every logged post, not only the last 30 days'.
    func testAPostServedForWeeksAndLeftOutOnceIsNotRecordedOrFiledAgain() throws {
        for losesState in [false, true] {
            let workspace = try HarnessWorkspace.social("attack-long-served-\(losesState)")
            defer { workspace.remove() }
            let start = ISO8601DateFormatter().date(from: "2026-10-01T12:00:00Z")!
            let pinned = socialPost("pinned", at: start.addingTimeInterval(-3600))
            try workspace.writeSocialFeed([pinned])
            try expectCompletedPoll(workspace.run(["--json", "--now", stamp(start), "poll"]), "day 0")
            let id = try XCTUnwrap(try openTaskIDs(workspace, at: start.addingTimeInterval(60)).first)
            for verb in [["ack", id], ["resolve", id], ["close", id, "--confirmed"]] {
                XCTAssertEqual(try workspace.run(["--now", stamp(start.addingTimeInterval(120))] + verb).status, 0, verb[0])
            }
            var last = start
            for day in [10.0, 20, 30, 40] {
                last = start.addingTimeInterval(day * 86_400)
                try workspace.writeSocialFeed([pinned, socialPost("r\(Int(day))", at: last.addingTimeInterval(-1800))])
                try expectCompletedPoll(workspace.run(["--json", "--now", stamp(last), "poll"]), "day \(day)")
            }
            try workspace.writeSocialFeed([socialPost("r40", at: last.addingTimeInterval(-1800))])
            try expectCompletedPoll(workspace.run(["--json", "--now", stamp(last.addingTimeInterval(60)), "poll"]), "left out")
            if losesState {
                try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/poll-state.json"))
            }
            try workspace.writeSocialFeed([pinned, socialPost("r40", at: last.addingTimeInterval(-1800))])
            let back = try workspace.run(["--json", "--now", stamp(last.addingTimeInterval(120)), "poll"])
            try expectCompletedPoll(back, "back")
            let audit = AlertsAudit(workspace.alerts)
            XCTAssertEqual(audit.violations, [], "state lost: \(losesState)")
            XCTAssertEqual(try mentionLines(workspace).count, 5, "pinned and r10…r40 once each (state lost: \(losesState))")
            XCTAssertEqual(audit.kinds["filed"], 5, "one task each (state lost: \(losesState)): \(back.summary)")
        }
    }

    private func openTaskIDs(_ workspace: HarnessWorkspace, at now: Date) throws -> [String] {
        try workspace.run(["--json", "--now", stamp(now), "alerts"]).stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    private func mentionLines(_ workspace: HarnessWorkspace) throws -> [Substring] {
        try FileManager.default.contentsOfDirectory(
            at: workspace.alerts.appendingPathComponent("mentions"), includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "jsonl" }.flatMap { try String(contentsOf: $0, encoding: .utf8).split(separator: "\n") }
    }
}
