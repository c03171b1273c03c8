import Foundation
import XCTest

/// A new alerts folder judges no volume for its first day (the detector learns the brand's usual volume first):
/// the community manager is told so once, with the time the volume alerts begin, instead of a silent day.
final class CrisisWarmupHarnessTests: XCTestCase {
    func testTheFirstPollSaysWhenVolumeAlertsBeginAndTheNextDoesNot() throws {
        let workspace = try HarnessWorkspace.social("crisis-warmup")
        defer { workspace.remove() }
        let now = ISO8601DateFormatter().date(from: "2026-11-22T20:00:00Z")!
        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-600))])
        let first = try workspace.run(["--json", "--now", stamp(now), "poll"])
        try expectCompletedPoll(first, "first poll")
        // The post's bucket (19:50) and the next are closed; the 289th closed bucket is the first judged (24 h of
        // 5-minute buckets), and it closes at 19:50 + 289 × 5 min.
        XCTAssertTrue(first.stderr.contains("learning the brand's usual volume"), first.stderr)
        XCTAssertTrue(first.stderr.contains("alerts begin at 2026-11-23T19:55:00Z"), first.stderr)

        try workspace.writeSocialFeed([socialPost("first", at: now.addingTimeInterval(-600)), socialPost("second", at: now)])
        let second = try workspace.run(["--json", "--now", stamp(now.addingTimeInterval(300)), "poll"])
        try expectCompletedPoll(second, "second poll")
        XCTAssertFalse(second.stderr.contains("learning the brand's usual volume"), "said once: \(second.stderr)")
    }
}
