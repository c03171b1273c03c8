import Foundation
import XCTest

/// A run that logged its mentions and then died (a kill, a full disk) before the journal and the poll state were
/// written, on a workspace's first poll, leaves only `mentions/`. The next poll rebuilds the state from the log and
/// must file the crisis of the demo's evening, with its notices, as the run that was not killed did. And a state
/// deleted after a run that did file its crisis must not walk the crisis tasks back through their old stages.
final class CrisisAfterLostStateHarnessTests: XCTestCase {
    private let evening = "2026-11-22T20:00:00Z"

    func testAFirstPollThatDiedAfterLoggingStillFilesItsCrisis() throws {
        let reference = try demoWorkspace("crisis-reference")
        defer { reference.remove() }
        try expectCompletedPoll(try reference.run(["--json", "--now", evening, "poll"]), "the reference poll")
        let crises = crisisTasks(reference)
        XCTAssertFalse(crises.isEmpty, "the demo's evening is a crisis")

        let killed = try demoWorkspace("crisis-killed")
        defer { killed.remove() }
        try expectCompletedPoll(try killed.run(["--json", "--now", evening, "poll"]), "the poll to be cut")
        // What the kill leaves: the mention log, fsync'd before anything acted on it, and nothing after it.
        for name in try FileManager.default.contentsOfDirectory(atPath: killed.alerts.path) where name != "mentions" {
            try FileManager.default.removeItem(at: killed.alerts.appendingPathComponent(name))
        }
        let again = try killed.run(["--json", "--now", "2026-11-22T20:01:00Z", "poll"])
        try expectCompletedPoll(again, "the poll after the kill")
        XCTAssertTrue(again.stderr.contains("rebuilt from the mention log"), again.stderr)
        XCTAssertEqual(crisisTasks(killed), crises, "the crisis tasks of the run that died: \(again.stderr)")
        // The notices are the same ones, sent a minute later (their ids carry the run's time).
        XCTAssertEqual(notices(killed).count, notices(reference).count, "its notices too")
        XCTAssertEqual(AlertsAudit(killed.alerts).violations, [])
    }

    func testAStateLostAfterACrisisWasFiledChangesNoCrisisTask() throws {
        let kept = try demoWorkspace("crisis-kept")
        defer { kept.remove() }
        try expectCompletedPoll(try kept.run(["--json", "--now", evening, "poll"]), "the evening's poll")
        let lost = try kept.twin(as: "crisis-lost")
        defer { lost.remove() }
        try FileManager.default.removeItem(at: lost.alerts.appendingPathComponent("state/poll-state.json"))

        for workspace in [kept, lost] {
            let outcome = try workspace.run(["--json", "--now", "2026-11-22T20:05:00Z", "poll"])
            try expectCompletedPoll(outcome, workspace.root.lastPathComponent)
        }
        let keptKinds = AlertsAudit(kept.alerts).kinds, lostKinds = AlertsAudit(lost.alerts).kinds
        XCTAssertEqual(lostKinds, keptKinds, "the rebuilt state's poll writes what the kept one's does")
        XCTAssertEqual(crisisTasks(lost), crisisTasks(kept))
        XCTAssertEqual(notices(lost), notices(kept))
    }

    private func demoWorkspace(_ name: String) throws -> HarnessWorkspace {
        let workspace = try HarnessWorkspace(name)
        try FileManager.default.removeItem(at: workspace.feeds)
        try FileManager.default.copyItem(at: HarnessEnvironment.packageRoot.appendingPathComponent("feeds"), to: workspace.feeds)
        return workspace
    }

    /// The crisis tasks filed, with the level each stands at, from the journal.
    private func crisisTasks(_ workspace: HarnessWorkspace) -> [String: String] {
        var levels: [String: String] = [:]
        for object in journal(workspace) {
            guard let id = object["task_id"] as? String, id.hasPrefix("c-") else { continue }
            switch object["kind"] as? String {
            case "filed": levels[id] = (object["task"] as? [String: Any])?["crisis_level"] as? String ?? "filed"
            case "crisis_updated": levels[id] = object["detail"] as? String
            default: break
            }
        }
        return levels
    }

    private func notices(_ workspace: HarnessWorkspace) -> [String] {
        let outbox = workspace.alerts.appendingPathComponent("outbox")
        return ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    private func journal(_ workspace: HarnessWorkspace) -> [[String: Any]] {
        let text = (try? String(contentsOf: workspace.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
