import Foundation
import XCTest

/// What the multi-day harness tests do between polls, as a team and a scheduler do.

func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

/// Acknowledges, resolves and closes every open response task but one, as a team does at the end of a day.
func answerMost(_ workspace: HarnessWorkspace, at now: Date) throws {
    let open = try workspace.run(["--json", "--now", stamp(now), "alerts"]).stdout
    let ids = open.split(separator: "\n").compactMap { line -> String? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            object["kind"] as? String == "response"
        else { return nil }
        return object["id"] as? String
    }.dropLast()
    guard !ids.isEmpty else { return }
    try workspace.writeText(ids.joined(separator: "\n"), to: "ids.txt")
    for verb in [["ack"], ["resolve"], ["close", "--confirmed"]] {
        let step = try workspace.run(["--now", stamp(now)] + verb + ["--from", workspace.feeds.appendingPathComponent("ids.txt").path])
        XCTAssertTrue([0, 64].contains(step.status), step.summary)
    }
}

/// A poll that ran to its end (0, or 1 for a feed that failed); throws otherwise, so the day goes no further.
func expectCompletedPoll(_ outcome: ChildProcess.Outcome, _ what: String) throws {
    XCTAssertNil(outcome.signal, "\(what) died: \(outcome.summary)")
    XCTAssertTrue([0, 1].contains(outcome.status), "\(what): \(outcome.summary)")
    guard outcome.signal == nil, [0, 1].contains(outcome.status) else { throw HarnessFailure("\(what) failed") }
}

/// A JSON Feed item by `@cliente-ID` about Casa Alba (a complaint unless `text` says otherwise), dated `date`.
func socialPost(_ id: String, at date: Date, text: String? = nil) -> [String: Any] {
    [
        "id": id, "url": "https://social.example/\(id)",
        "content_text": text ?? "@casaalba mi pedido \(id) no ha llegado, fatal",
        "date_published": stamp(date), "authors": [["name": "@cliente-\(id)"]],
    ]
}

extension HarnessWorkspace {
    /// A workspace for Casa Alba polling one JSON Feed, `social.json` (`writeSocialFeed`); `monitor` adds keys.
    static func social(_ name: String, monitor: [String: Any] = [:]) throws -> HarnessWorkspace {
        let workspace = try HarnessWorkspace(name)
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        try workspace.writeMonitor(
            monitor.merging(["brand": ["name": "Casa Alba", "terms": ["casaalba", "@casaalba"]]]) { own, _ in own })
        return workspace
    }

    /// Serves `items` as the JSON Feed `social.json` (the feed the multi-day tests poll).
    func writeSocialFeed(_ items: [[String: Any]]) throws {
        try writeJSON(["version": "https://jsonfeed.org/version/1.1", "title": "s", "items": items], to: "social.json")
    }

    /// A copy of this workspace's feeds and alerts under a new folder: the same history, to diverge from here.
    func twin(as name: String) throws -> HarnessWorkspace {
        let twin = try HarnessWorkspace(name)
        try FileManager.default.removeItem(at: twin.feeds)
        try FileManager.default.copyItem(at: feeds, to: twin.feeds)
        try FileManager.default.copyItem(at: alerts, to: twin.alerts)
        return twin
    }
}

/// Polls `workspace` `pollsPerDay` times a day for `days` days from `start`, each poll serving every post so far plus
/// the new ones `posts` makes for it, and answers most tasks at the end of each day. Returns what was served and
/// the time of the last poll.
func pollDays(
    _ workspace: HarnessWorkspace, days: Int, pollsPerDay: Int, from start: Date,
    posts: (_ day: Int, _ poll: Int, _ now: Date) -> [[String: Any]]
) throws -> (served: [[String: Any]], last: Date) {
    var served: [[String: Any]] = []
    var now = start
    for day in 0..<days {
        for poll in 0..<pollsPerDay {
            now = start.addingTimeInterval(Double(day) * 86_400 + Double(poll + 1) * 86_400 / Double(pollsPerDay) - 60)
            served += posts(day, poll, now)
            try workspace.writeSocialFeed(served)
            try expectCompletedPoll(workspace.run(["--json", "--now", stamp(now), "poll"]), "poll \(day)/\(poll)")
        }
        try answerMost(workspace, at: now.addingTimeInterval(30))
    }
    return (served, now)
}
