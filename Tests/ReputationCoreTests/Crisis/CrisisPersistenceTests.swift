import XCTest
@testable import ReputationCore

/// The detector's Codable form is its persisted state: a restart continues exactly where it stopped.
final class CrisisPersistenceTests: XCTestCase {
    private let day = SyntheticVolume.perDay

    private func roundTrip(_ detector: CrisisDetector) throws -> CrisisDetector {
        let data = try JSONEncoder().encode(detector)
        return try JSONDecoder().decode(CrisisDetector.self, from: data)
    }

    private func canonical(_ detector: CrisisDetector) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(detector)
    }

    func testRestartContinuesExactlyAsAnUninterruptedRun() throws {
        var counts = SyntheticVolume(base: 15, seed: 31).counts(days: 8)
        let spike = 6 * day + 9 * 12
        for index in spike..<(spike + 4) { counts[index] = 160 }
        let cut = spike + 2  // stop in the middle of the episode
        let negatives = counts.map { $0 / 6 }

        var uninterrupted = CrisisDriver()
        uninterrupted.scopes = [.brand(), .channel("twitter"), .category("late_delivery")]
        uninterrupted.run(counts, negatives: negatives)

        var before = CrisisDriver()
        before.scopes = uninterrupted.scopes
        before.run(Array(counts[..<cut]), negatives: Array(negatives[..<cut]))
        // A mention already recorded in the open bucket when the process stops must survive too.
        let pending = SyntheticVolume.time(cut).addingTimeInterval(30)
        before.detector.record(at: pending, scopes: before.scopes, negative: false, authorReach: nil)
        var after = CrisisDriver(detector: try roundTrip(before.detector), scopes: before.scopes)
        var remaining = counts[cut...].map { $0 }
        remaining[0] -= 1  // the pending mention is part of bucket `cut`
        after.run(remaining, from: cut, negatives: Array(negatives[cut...]))

        let resumed = before.events + after.events
        XCTAssertEqual(resumed.map(\.index), uninterrupted.events.map(\.index))
        XCTAssertEqual(resumed.map(\.event), uninterrupted.events.map(\.event))
        XCTAssertFalse(uninterrupted.incidents().isEmpty, "the run must contain an episode to resume")
        XCTAssertEqual(try canonical(after.detector), try canonical(uninterrupted.detector))
    }

    func testLateMentionsWithinTheLongestWindowCountAndOlderOnesAreDroppedWithAReason() {
        var detector = CrisisDetector(settings: .default)
        detector.record(at: SyntheticVolume.time(0), scopes: [.brand()], negative: false, authorReach: nil)
        _ = detector.advance(to: SyntheticVolume.time(100))
        XCTAssertEqual(detector.firstOpenBucket.map { $0 * 300 }, Int(SyntheticVolume.time(100).timeIntervalSince1970))

        let open = detector.record(at: SyntheticVolume.time(100), scopes: [.brand()], negative: false,
                                   authorReach: nil)
        XCTAssertEqual(open, .counted(bucketStart: SyntheticVolume.time(100)))
        let late = detector.record(at: SyntheticVolume.time(95).addingTimeInterval(10), scopes: [.brand()],
                                   negative: true, authorReach: nil)
        XCTAssertEqual(late, .countedLate(bucketStart: SyntheticVolume.time(95)))
        let stale = detector.record(at: SyntheticVolume.time(50), scopes: [.brand()], negative: false,
                                    authorReach: nil)
        guard case .dropped(let reason) = stale else { return XCTFail("expected a drop, got \(stale)") }
        XCTAssertTrue(reason.contains("min before the oldest open bucket"), reason)
        XCTAssertEqual(detector.droppedMentions, 1)
    }

    func testFirstPollWithYearsOfHistoryOnlyReplaysTheLastWeek() {
        var detector = CrisisDetector(settings: .default)
        let now = SyntheticVolume.time(400 * SyntheticVolume.perDay)
        detector.record(at: SyntheticVolume.time(0), scopes: [.brand()], negative: false, authorReach: nil)
        detector.record(at: now.addingTimeInterval(-3600), scopes: [.brand()], negative: false, authorReach: nil)
        _ = detector.advance(to: now)
        XCTAssertEqual(detector.droppedMentions, 1)
        XCTAssertEqual(detector.firstOpenBucket, Int(now.timeIntervalSince1970) / 300)
    }

    func testSettingsDecodeFromAPartialOverride() throws {
        let json = Data(#"{"warning_score": 7.5, "minimum_volume": 25}"#.utf8)
        let settings = try JSONDecoder().decode(CrisisSettings.self, from: json)
        XCTAssertEqual(settings.warningScore, 7.5)
        XCTAssertEqual(settings.minimumVolume, 25)
        var expected = CrisisSettings.default
        expected.warningScore = 7.5
        expected.minimumVolume = 25
        XCTAssertEqual(settings, expected)
        let again = try JSONDecoder().decode(CrisisSettings.self, from: try JSONEncoder().encode(settings))
        XCTAssertEqual(again, settings)
    }

    func testNewThresholdsKeepTheLearnedBaselinesButNewWindowsStartAfresh() {
        var driver = CrisisDriver()
        driver.run(SyntheticVolume(base: 10, seed: 32).counts(days: 1))
        var stricter = CrisisSettings.default
        stricter.warningScore = 9
        XCTAssertTrue(driver.detector.update(settings: stricter))
        XCTAssertEqual(driver.detector.settings.warningScore, 9)
        XCTAssertFalse(driver.detector.scopes.isEmpty)

        var longer = stricter
        longer.windowBuckets = [1, 12, 48]
        XCTAssertFalse(driver.detector.update(settings: longer))
        XCTAssertTrue(driver.detector.scopes.isEmpty)
        XCTAssertNil(driver.detector.firstOpenBucket)
    }
    /// A damaged or hand-edited state with an absurd number is refused when it is read, naming what is wrong; read
    /// as it is, the next poll would trap adding it into a window (every poll after would die the same way).
    func testAStateWithAbsurdNumbersIsRefusedNamingThemNotTrappedLater() throws {
        var driver = CrisisDriver()
        driver.run(SyntheticVolume(base: 10, seed: 33).counts(days: 2))
        driver.detector.record(at: SyntheticVolume.time(2 * day).addingTimeInterval(9), scopes: [.brand()],
                               negative: false, authorReach: nil)
        let saved = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(driver.detector)) as? [String: Any]
        XCTAssertNoThrow(try JSONDecoder().decode(CrisisDetector.self, from: try data(saved)))
        let edits: [(String, ([String: Any]) -> [String: Any])] = [
            ("a bucket of 9223372036854775807 mentions", { self.editRing("recent", $0, Int.max) }),
            ("a bucket of -4 mentions", { self.editRing("recent", $0, -4) }),
            ("closed is -1", { self.editSeries($0) { $0["closed"] = -1 } }),
            ("an expected count of -2", { self.editRing("recentExpected", $0, -2.0) }),
            ("an open bucket of 9223372036854775807 mentions", { state in
                var state = state
                var open = state["open"] as? [[String: Any]] ?? []
                var count = open.first?["count"] as? [String: Any] ?? [:]
                count["total"] = Int.max
                open[0]["count"] = count
                state["open"] = open
                return state
            }),
            ("the first open bucket is -9223372036854775808", { $0.merging(["firstOpenBucket": Int.min]) { $1 } }),
            ("the dropped mentions is 9223372036854775807", { $0.merging(["droppedMentions": Int.max]) { $1 } }),
        ]
        for (reason, edit) in edits {
            let edited = try data(edit(saved ?? [:]))
            XCTAssertThrowsError(try JSONDecoder().decode(CrisisDetector.self, from: edited), reason) {
                XCTAssertTrue("\($0)".contains(reason), "\(reason): \($0)")
            }
        }
    }

    private func data(_ object: [String: Any]?) throws -> Data {
        try JSONSerialization.data(withJSONObject: object ?? [:])
    }

    /// The state with the first scope's ring `key` starting with `value`.
    private func editRing(_ key: String, _ state: [String: Any], _ value: Any) -> [String: Any] {
        editSeries(state) { $0[key] = replaceFirst($0[key], value) }
    }

    private func editSeries(_ state: [String: Any], _ edit: (inout [String: Any]) -> Void) -> [String: Any] {
        var state = state
        var list = state["series"] as? [[String: Any]] ?? []
        guard !list.isEmpty else { return state }
        edit(&list[0])
        state["series"] = list
        return state
    }

    private func replaceFirst(_ ring: Any?, _ value: Any) -> [Any] {
        var ring = ring as? [Any] ?? []
        if !ring.isEmpty { ring[0] = value }
        return ring
    }
}
