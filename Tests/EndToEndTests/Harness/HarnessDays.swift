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
