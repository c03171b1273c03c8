import Foundation
import XCTest

/// Crisis windows that change (monitor.json edited, or an upgrade whose defaults moved, as the shortest window did
/// from 5 to 10 minutes) cannot carry the saved baselines over. The next poll learns them again from the mention
/// log, as a lost state is rebuilt, instead of leaving every scope blind through a day of warm-up.
final class CrisisRelearnHarnessTests: XCTestCase {
    private let days = 3, pollsPerDay = 2, postsPerPoll = 6
    private let texts = [
        "Mi pedido no llega, tarde otra vez", "¿A qué hora abre la tienda de Valencia?",
        "Gracias, me encanta el servicio", "Hoy fui a la tienda del centro", "El paquete llegó roto, ¿qué hago?",
    ]

    func testNewWindowsAreLearnedFromTheLogNotStartedEmpty() throws {
        let changed = try HarnessWorkspace("relearn-changed")
        defer { changed.remove() }
        try changed.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        try changed.writeMonitor(["crisis": ["window_buckets": [1, 6, 24]]])
        let start = ISO8601DateFormatter().date(from: "2026-05-04T00:00:00Z")!
        let history = try pollDays(changed, days: self.days, pollsPerDay: pollsPerDay, from: start) { day, poll, now in
            (0..<self.postsPerPoll).map { index in
                self.post("d\(day)p\(poll)i\(index)", text: self.texts[(day + index) % self.texts.count],
                          at: now.addingTimeInterval(-Double(index) * 600 - 120))
            }
        }
        var served = history.served
        let now = history.last
        XCTAssertEqual(try windows(changed), [1, 6, 24])
        // The twin loses its state instead: the rebuild from the log under the new windows is the reference.
        let rebuilt = try changed.twin(as: "relearn-rebuilt")
        defer { rebuilt.remove() }
        try FileManager.default.removeItem(at: rebuilt.alerts.appendingPathComponent("state/poll-state.json"))

        let final = now.addingTimeInterval(3_600)
        served.append(post("after-change", text: texts[0], at: final.addingTimeInterval(-300)))
        var outcomes: [ChildProcess.Outcome] = []
        for workspace in [changed, rebuilt] {
            try workspace.writeMonitor([:])  // the defaults: windows of 10 min, 30 min, 2 h
            try workspace.writeSocialFeed(served)
            let before = AlertsAudit(workspace.alerts).kinds["filed"] ?? 0
            let outcome = try workspace.run(["--json", "--now", stamp(final), "poll"])
            try expectCompletedPoll(outcome, "the poll after the change")
            outcomes.append(outcome)
            let audit = AlertsAudit(workspace.alerts)
            XCTAssertEqual(audit.violations, [], workspace.root.lastPathComponent)
            XCTAssertEqual((audit.kinds["filed"] ?? 0) - before, 1, "only the new post filed: \(outcome.summary)")
        }
        XCTAssertTrue(outcomes[0].stderr.contains("crisis settings: windows [1, 6, 24] of 5 min are now [2, 6, 24]"),
                      outcomes[0].stderr)
        XCTAssertTrue(outcomes[0].stderr.contains("baselines learned again from the mention log (3 days"), outcomes[0].stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(outcomes[0].stdout.utf8)) as? [String: Any]
        XCTAssertEqual(summary?["crises"] as? Int, 0, "a normal hour after the change raises no crisis")

        XCTAssertEqual(try windows(changed), [2, 6, 24])
        let learned = try series(changed), reference = try series(rebuilt)
        XCTAssertFalse(learned.isEmpty, "the detector kept its scopes")
        XCTAssertEqual(Set(learned.keys), Set(reference.keys))
        for (scope, want) in reference {
            let got = try XCTUnwrap(learned[scope], scope)
            XCTAssertEqual(got.closed, want.closed, "\(scope): as warm as the rebuilt one")
            XCTAssertGreaterThan(got.closed, 24 * 12, "\(scope): past its warm-up day")
            XCTAssertEqual(got.levels.count, want.levels.count, scope)
            for (a, b) in zip(got.levels, want.levels) {
                XCTAssertLessThanOrEqual(abs(a - b), 0.05 * max(abs(b), 0.01), "\(scope): baseline \(a) vs \(b)")
            }
        }
    }

    // MARK: helpers

    private func post(_ id: String, text: String, at date: Date) -> [String: Any] {
        [
            "id": id, "url": "https://social.example/\(id)", "content_text": text,
            "date_published": stamp(date), "authors": [["name": "@cliente-\(id)"]],
        ]
    }

    private func crisis(_ workspace: HarnessWorkspace) throws -> [String: Any] {
        let data = try Data(contentsOf: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(state["crisis"] as? [String: Any])
    }

    private func windows(_ workspace: HarnessWorkspace) throws -> [Int] {
        let settings = try XCTUnwrap(try crisis(workspace)["settings"] as? [String: Any])
        return try XCTUnwrap(settings["window_buckets"] as? [Int])
    }

    /// Each scope's closed buckets and its window baselines' levels.
    private func series(_ workspace: HarnessWorkspace) throws -> [String: (closed: Int, levels: [Double])] {
        var byScope: [String: (closed: Int, levels: [Double])] = [:]
        for item in (try crisis(workspace)["series"] as? [[String: Any]]) ?? [] {
            let scope = (item["scope"] as? [String: Any]).map { "\($0["kind"] ?? "")/\($0["name"] ?? "")" } ?? "?"
            let levels = ((item["baselines"] as? [[String: Any]]) ?? []).compactMap { $0["level"] as? Double }
            byScope[scope] = (item["closed"] as? Int ?? 0, levels)
        }
        return byScope
    }
}
