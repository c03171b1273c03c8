import Foundation
import XCTest

/// Issue 19: the crash proof over the task checkpoint and the segmented journal across many simulated days. Polls are killed with SIGKILL at
/// random moments while posts keep coming and people answer most tasks each day, long enough for the ledger to
/// retire closed tasks and drop them from the report window. Afterwards every post served is recorded once, no
/// mention has two tasks, and the fold the checkpoint carries is the one the whole journal gives (`vigia alerts` and
/// `vigia report --since 7d` print the same with the checkpoint and after deleting it).
final class LedgerCrashHarnessTests: XCTestCase {
    private let days = 11, pollsPerDay = 2, postsPerPoll = 6
    private let texts = [
        "Mi pedido no llega, tarde otra vez", "¿A qué hora abre la tienda de Valencia?",
        "Gracias, me encanta el servicio", "Quiero mi reembolso ya, llevo semanas esperando",
        "Me cobraron dos veces el mismo pedido", "El paquete llegó roto, ¿qué hago?",
    ]

    func testKilledPollsOverManyDaysKeepTheCheckpointTrueToTheJournal() throws {
        let workspace = try HarnessWorkspace("ledger")
        defer { workspace.remove() }
        try workspace.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        var random = HarnessRandom(seed: HarnessRandom.seed)
        var served: [[String: Any]] = []
        // Across a month's end, so the journal's segment is sealed while polls are being killed.
        let start = ISO8601DateFormatter().date(from: "2026-02-24T00:00:00Z")!
        var typical = 0.5, kills = 0, now = start
        for day in 0..<days {
            for poll in 0..<pollsPerDay {
                now = start.addingTimeInterval(Double(day) * 86_400 + Double(poll + 1) * 86_400 / Double(pollsPerDay) - 60)
                for index in 0..<postsPerPoll {
                    let id = "d\(day)p\(poll)i\(index)"
                    served.append([
                        "id": id, "url": "https://social.example/\(id)", "content_text": texts[(day + index) % texts.count],
                        "date_published": ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(index) * 60 - 120)),
                        "authors": [["name": "@cliente\(Int(random.next() % 9))"]],
                    ])
                }
                // The feed serves every post so far (a few dozen), so a post that every poll of its day missed (all
                // killed before fetching) is still served to the clean poll at the end: what is served is recorded.
                try workspace.writeJSON(["version": "https://jsonfeed.org/version/1.1", "title": "s", "items": served],
                                        to: "social.json")
                let child = try workspace.launch(["--json", "--now", stamp(now), "poll"])
                if random.unit() < 0.6 {
                    child.sleep(random.unit() * typical)
                    child.send(SIGKILL)
                }
                let outcome = child.wait(timeout: 120)
                if outcome.signal == SIGKILL { kills += 1 } else {
                    try expectCompletedPoll(outcome, "poll \(day)/\(poll)")
                    // The last completed poll's time, not the longest: polls of a few posts end in a fraction of a
                    // second, and kills drawn over the longest one's span mostly came after the end.
                    typical = outcome.seconds
                }
            }
            try answerMost(workspace, at: now.addingTimeInterval(30))
        }
        let final = now.addingTimeInterval(600)
        let clean = try workspace.run(["--json", "--now", stamp(final), "poll"], extraEnvironment: ["VIGIA_TIMINGS": "1"])
        try expectCompletedPoll(clean, "the clean poll after the kills")
        XCTAssertGreaterThan(kills, 3, "polls really killed mid-run: \(kills) of \(days * pollsPerDay)")
        let timing = clean.stderr.split(separator: "\n").first { $0.contains("timing journal ") } ?? ""
        XCTAssertTrue(timing.contains("(checkpoint,"), "the clean poll read from the checkpoint: \(timing)")
        XCTAssertFalse(timing.contains("(0 retired)"), "closed tasks were retired: \(timing)")

        let segments = (try? FileManager.default.contentsOfDirectory(atPath: workspace.alerts.appendingPathComponent("journal").path)) ?? []
        XCTAssertEqual(segments, ["000001-2026-02.jsonl"], "February's segment sealed once, March's being appended")
        let audit = AlertsAudit(workspace.alerts)
        XCTAssertEqual(audit.violations, [])
        XCTAssertEqual(audit.mentionLines, served.count, "every post served recorded once, none lost")

        let questions: [[String]] = [["--json", "alerts"], ["report", "--since", "7d", "--format", "json"]]
        let withCheckpoint = try questions.map { try workspace.run(["--now", stamp(final.addingTimeInterval(60))] + $0).stdout }
        try FileManager.default.removeItem(at: workspace.alerts.appendingPathComponent("state/tasks-checkpoint.jsonl"))
        let rebuilt = try questions.map { try workspace.run(["--now", stamp(final.addingTimeInterval(60))] + $0).stdout }
        XCTAssertFalse(withCheckpoint[0].isEmpty)
        XCTAssertEqual(withCheckpoint, rebuilt, "checkpoint + tail = the whole journal's fold")
    }
}
