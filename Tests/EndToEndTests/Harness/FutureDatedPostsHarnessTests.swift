import Foundation
import XCTest

/// A post dated after it was fetched (a feed whose clock runs ahead, a wrong time zone, a made-up "2150-01-01")
/// counts in crisis volume when it was first seen, live and when the poll state is rebuilt from the mention log.
/// Counted at its date it would sit in a bucket that opens hours or years from now: unseen by every window until
/// then, and kept in the poll state all that time (one entry per such bucket, as many as an attacker posts).
final class FutureDatedPostsHarnessTests: XCTestCase {
    private let bucketSeconds = 300.0

    func testAPostFromTheFutureCountsWhenItWasSeenLiveAndRebuilt() throws {
        let live = try HarnessWorkspace("future-live")
        defer { live.remove() }
        try live.writeFeed(id: "social", url: "file:social.json", format: "jsonfeed")
        let now = ISO8601DateFormatter().date(from: "2026-05-04T10:02:00Z")!
        let posts = [
            post("earlier", "Mi pedido no llega", at: stamp(now.addingTimeInterval(-600))),
            post("just-now", "El paquete llegó roto", at: stamp(now.addingTimeInterval(-180))),
            post("wrong-zone", "Nadie contesta en la tienda", at: stamp(now.addingTimeInterval(6 * 3_600))),
            post("made-up", "Otra vez tarde el envío", at: "2150-01-01T00:00:00Z"),
        ]
        try live.writeSocialFeed(posts)
        try expectCompletedPoll(live.run(["--json", "--now", stamp(now), "poll"]), "the poll")
        let first = try crisis(live)
        XCTAssertEqual(first.openBuckets.max(), bucket(now), "no bucket opens after now: \(first.openBuckets)")
        XCTAssertEqual(first.brandOpen, 2, "the two future-dated posts count in the bucket they were seen in")
        XCTAssertEqual(first.brandClosed, 2, "the two earlier ones count where they were posted")

        let later = now.addingTimeInterval(3_600)
        let rebuilt = try live.twin(as: "future-rebuilt")
        defer { rebuilt.remove() }
        try FileManager.default.removeItem(at: rebuilt.alerts.appendingPathComponent("state/poll-state.json"))
        for workspace in [live, rebuilt] {
            try expectCompletedPoll(workspace.run(["--json", "--now", stamp(later), "poll"]), "the poll an hour later")
            let state = try crisis(workspace), name = workspace.root.lastPathComponent
            XCTAssertEqual(state.openBuckets.filter { $0 > bucket(later) }, [], name)
            XCTAssertEqual(state.brandClosed + state.brandOpen, 4, "\(name): all four count")
            let audit = AlertsAudit(workspace.alerts)
            XCTAssertEqual(audit.violations, [], workspace.root.lastPathComponent)
            XCTAssertEqual(audit.tasksPerMention.values.filter { $0 > 1 }, [], "nothing filed twice")
        }
    }

    // MARK: helpers

    private func bucket(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / bucketSeconds).rounded(.down)) }

    private func post(_ id: String, _ text: String, at date: String) -> [String: Any] {
        [
            "id": id, "url": "https://social.example/\(id)", "content_text": text, "date_published": date,
            "authors": [["name": "@cliente-\(id)"]],
        ]
    }

    /// The crisis state's open bucket indexes, and the brand scope's mentions in open buckets and in its ring.
    private func crisis(_ workspace: HarnessWorkspace) throws
        -> (openBuckets: [Int], brandOpen: Int, brandClosed: Int)
    {
        let data = try Data(contentsOf: workspace.alerts.appendingPathComponent("state/poll-state.json"))
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let crisis = try XCTUnwrap(state["crisis"] as? [String: Any])
        let isBrand = { (item: [String: Any]) in (item["scope"] as? [String: Any])?["kind"] as? String == "brand" }
        let open = (crisis["open"] as? [[String: Any]]) ?? []
        let brandOpen = open.filter(isBrand).compactMap { ($0["count"] as? [String: Any])?["total"] as? Int }
        let series = ((crisis["series"] as? [[String: Any]]) ?? []).first(where: isBrand)
        return (open.compactMap { $0["bucket"] as? Int }, brandOpen.reduce(0, +),
                ((series?["recent"] as? [Int]) ?? []).reduce(0, +))
    }
}
