import XCTest
@testable import ReputationCore

/// Volume behaviours on synthetic series, through the live API (record each mention, advance every bucket).
final class CrisisVolumeTests: XCTestCase {
    private let day = SyntheticVolume.perDay

    func testShortSpikeRaisesOneIncidentThatExplainsItselfAndEnds() {
        var counts = SyntheticVolume(base: 20).counts(days: 8)
        let spike = 6 * day + 12 * 12  // day 6, 12:00
        for index in spike..<(spike + 3) { counts[index] = 150 }
        var driver = CrisisDriver()
        driver.run(counts)

        let incidents = driver.incidents()
        XCTAssertEqual(incidents.count, 1, "\(incidents.map(\.event.explanation))")
        let first = try? XCTUnwrap(incidents.first)
        XCTAssertEqual(first?.index, spike)
        if let event = first?.event {
            XCTAssertGreaterThanOrEqual(Double(event.count), event.threshold)
            XCTAssertLessThan(event.baseline, event.threshold)
            XCTAssertTrue(event.explanation.hasPrefix("brand: "), event.explanation)
            // The shortest window is 10 min: the spike's first bucket with the calm one before it.
            let shortest = counts[(spike - 1)...spike].reduce(0, +)
            XCTAssertTrue(event.explanation.contains("\(shortest) mentions in 10 min, expected "), event.explanation)
            XCTAssertTrue(event.explanation.contains("; chance under 1 in 10^"), event.explanation)
            XCTAssertLessThan(event.chance ?? 1, 1e-9)
            XCTAssertTrue(event.explanation.contains("threshold"), event.explanation)
            XCTAssertEqual(event.bucketStart, SyntheticVolume.time(spike))
        }
        let ended = driver.ended().filter { $0.index > spike }
        XCTAssertFalse(ended.isEmpty, "the episode must end when volume returns to baseline")
        XCTAssertLessThan(ended.first?.index ?? .max, spike + 4 * 12, "ends within hours, not days")
        let reached = driver.events.filter { $0.index >= spike && $0.index < (ended.first?.index ?? .max) }.map(\.event.level).max()
        XCTAssertEqual(ended.first?.event.level, reached, "the end names the highest level the episode reached")
    }

    func testLevelShiftAlertsOnceNotEveryBucket() {
        let before = SyntheticVolume(base: 10, seed: 2).counts(days: 6)
        let after = SyntheticVolume(base: 40, seed: 3).counts(days: 3)
        var driver = CrisisDriver()
        driver.run(before + after)

        let incidents = driver.incidents()
        XCTAssertEqual(incidents.count, 1, "\(incidents.map(\.event.explanation))")
        XCTAssertGreaterThanOrEqual(incidents.first?.index ?? 0, before.count)
        XCTAssertLessThan(incidents.first?.index ?? .max, before.count + 3 * 12, "seen within 3 h of the shift")
    }

    func testSlowClimbIsCaughtBeforeItPeaks() {
        var counts = SyntheticVolume(base: 20, seed: 4).counts(days: 8)
        let climb = 6 * day + 10 * 12
        var random = SplitMix(seed: 99)
        let steps = 48  // four hours from 1x to 4x: no single 5-minute bucket looks like a spike
        for step in 0..<(steps + 24) {
            let factor = 1 + 3 * min(Double(step) / Double(steps), 1)
            counts[climb + step] = random.poisson(SyntheticVolume(base: 20).rate(at: climb + step) * factor)
        }
        var driver = CrisisDriver()
        driver.run(counts)

        let incidents = driver.incidents()
        XCTAssertEqual(incidents.count, 1, "\(incidents.map(\.event.explanation))")
        let index = incidents.first?.index ?? -1
        XCTAssertTrue((climb...(climb + steps)).contains(index), "alerted at \(index), climb at \(climb)")
    }

    func testThreePostsOnAQuietNightAreNotACrisisButAFloodIs() {
        var counts = SyntheticVolume(base: 0.3, seed: 5).counts(days: 8)
        let night = 6 * day + 3 * 12  // 03:00
        counts[night] = 3
        var quiet = CrisisDriver()
        quiet.run(counts)
        XCTAssertTrue(quiet.alerts().isEmpty, "\(quiet.alerts().map(\.event.explanation))")

        counts[night] = 40
        var flood = CrisisDriver()
        flood.run(counts)
        XCTAssertEqual(flood.incidents().map(\.index), [night])
    }

    func testDailyAndWeeklyRhythmRaiseNoAlarm() {
        for (base, seed) in [(0.5, UInt64(6)), (5, 7), (50, 8)] {
            let counts = SyntheticVolume(base: base, dailyAmplitude: 0.7, weekendFactor: 0.5, seed: seed)
                .counts(days: 21)
            var driver = CrisisDriver()
            driver.run(counts)
            XCTAssertTrue(driver.alerts().isEmpty, "base \(base): \(driver.alerts().map(\.event.explanation))")
        }
    }
}
