import Foundation
import XCTest
@testable import ReputationCore

/// Absurd settings and numbers: refused with the key and its range, or handled, never a trap or a 9 GB ring.
final class CrisisBoundsTests: XCTestCase {
    private func decode(_ json: String) throws -> CrisisSettings {
        try JSONDecoder().decode(CrisisSettings.self, from: Data(json.utf8))
    }

    private func assertRefused(_ json: String, key: String, range: String, file: StaticString = #filePath,
                               line: UInt = #line) {
        XCTAssertThrowsError(try decode(json), json, file: file, line: line) { error in
            guard let bad = error as? CrisisSettings.OutOfRange else {
                return XCTFail("\(json): \(error)", file: file, line: line)
            }
            XCTAssertEqual(bad.key, key, file: file, line: line)
            XCTAssertTrue(bad.description.contains("crisis.\(key)"), bad.description, file: file, line: line)
            XCTAssertTrue(bad.description.contains(range), bad.description, file: file, line: line)
        }
    }

    func testHugeWindowsAndDurationsAreRefusedNamingKeyAndRange() {
        assertRefused(#"{"window_buckets": [1, 1e9]}"#, key: "window_buckets", range: "1…288 buckets")
        assertRefused(#"{"window_buckets": [1, 1e300]}"#, key: "window_buckets", range: "a whole number")
        assertRefused(#"{"window_buckets": []}"#, key: "window_buckets", range: "1…8 windows")
        assertRefused(#"{"cooldown_hours": 1e300}"#, key: "cooldown_hours", range: "0…8760 hours")
        assertRefused(#"{"calm_buckets_to_end": 1e300}"#, key: "calm_buckets_to_end", range: "a whole number")
        assertRefused(#"{"bucket_minutes": 0}"#, key: "bucket_minutes", range: "1…60 minutes")
        assertRefused(#"{"warning_odds": 0.5}"#, key: "warning_odds", range: "1…")
        assertRefused(#"{"shift_confirm_hours": -1}"#, key: "shift_confirm_hours", range: "0…8760")
        XCTAssertNoThrow(try decode(#"{"window_buckets": [1, 6, 288], "cooldown_hours": 0}"#))
        XCTAssertNoThrow(try CrisisSettings.default.validate())
    }

    func testAbsurdTimesAreDroppedWithAReasonAndAClockJumpClosesOnlyAWeek() {
        var detector = CrisisDetector(settings: .default)
        for seconds in [1e300, -1e300, .infinity, .nan, -5, 8e9] {
            let placed = detector.record(at: Date(timeIntervalSince1970: seconds), scopes: [.brand()],
                                         negative: false, authorReach: nil)
            guard case .dropped(let reason) = placed else { return XCTFail("\(seconds): \(placed)") }
            XCTAssertTrue(reason.contains("outside 1970…2200"), reason)
        }
        XCTAssertEqual(detector.droppedMentions, 6)
        XCTAssertTrue(detector.advance(to: Date(timeIntervalSince1970: 1e300)).isEmpty)

        let start = SyntheticVolume.time(0)
        detector.record(at: start, scopes: [.brand()], negative: false, authorReach: nil)
        _ = detector.advance(to: start.addingTimeInterval(600))
        // A jump of 170 years must not close 18 million buckets one by one: it closes the last week.
        let jumped = Date(timeIntervalSince1970: 7.2e9)
        let clock = Date()
        _ = detector.advance(to: jumped)
        XCTAssertLessThan(Date().timeIntervalSince(clock), 5)
        XCTAssertEqual(detector.firstOpenBucket, Int(7.2e9 / 300))
        // A clock that goes back closes nothing and keeps the oldest open bucket.
        XCTAssertTrue(detector.advance(to: start).isEmpty)
        XCTAssertEqual(detector.firstOpenBucket, Int(7.2e9 / 300))
    }

    func testAPersistentLevelShiftStopsAlarmingOnceConfirmed() {
        let before = SyntheticVolume(base: 10, seed: 2).counts(days: 6)
        let after = SyntheticVolume(base: 40, seed: 3).counts(days: 6)
        var driver = CrisisDriver()
        driver.scopes = [.brand()]
        driver.run(before + after)

        XCTAssertEqual(driver.incidents().count, 1, "\(driver.incidents().map(\.event.explanation))")
        let confirmed = driver.ended().first { $0.index >= before.count }
        XCTAssertNotNil(confirmed, "the shift must be confirmed as a new normal")
        if let confirmed {
            let hours = Double(confirmed.index - before.count) / 12
            XCTAssertLessThanOrEqual(hours, CrisisSettings.default.shiftConfirmHours + 3)
            XCTAssertTrue(confirmed.event.explanation.contains("a new normal"), confirmed.event.explanation)
        }
        XCTAssertNil(driver.detector.level(of: .brand()), "calm at the new volume days later")
        let late = driver.events.filter { $0.index > before.count + 2 * SyntheticVolume.perDay }
        XCTAssertTrue(late.isEmpty, "\(late.map(\.event.explanation))")
    }
}
