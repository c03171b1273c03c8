import XCTest
@testable import ReputationCore

/// The warning bars move with a scope's own volume (`busy_per_day`): one setting behaves like the strict one at a
/// busy brand and like the lenient one at a small shop.
final class CrisisVolumeScaleTests: XCTestCase {
    private let scaled = CrisisSettings(
        warningScore: 5, busyWarningScore: 7, busyUsualHighMargin: 3, busyWarningOdds: 1e6, tricklePerDay: 100,
        busyPerDay: 10_000)

    func testBarsInterpolateOnLogVolumeBetweenTrickleAndBusy() {
        XCTAssertEqual(scaled.busyness(perDay: 2), 0)
        XCTAssertEqual(scaled.busyness(perDay: 100), 0)
        XCTAssertEqual(scaled.busyness(perDay: 1000), 0.5, accuracy: 1e-9)
        XCTAssertEqual(scaled.busyness(perDay: 1e6), 1)
        let middle = scaled.atVolume(perDay: 1000)
        XCTAssertEqual(middle.warningScore, 6, accuracy: 1e-9)
        XCTAssertEqual(middle.usualHighMargin, 2, accuracy: 1e-9)
        XCTAssertEqual(middle.warningOdds, pow(10, 5.5), accuracy: 1)
        XCTAssertEqual(scaled.atVolume(perDay: 2), scaled, "a small shop keeps the trickle bars")
        XCTAssertEqual(scaled.atVolume(perDay: 50_000).warningScore, 7)
        XCTAssertFalse(CrisisSettings(busyWarningScore: 5, busyUsualHighMargin: 1, busyWarningOdds: 1e5)
            .scalesWithVolume, "equal busy and trickle values: no scaling")
    }

    func testBusyScopeSaysWhichBarItWasJudgedBy() {
        var counts = SyntheticVolume(base: 20).counts(days: 8)
        let spike = 6 * SyntheticVolume.perDay + 12 * 12
        for index in spike..<(spike + 3) { counts[index] = 150 }
        var driver = CrisisDriver(detector: CrisisDetector(settings: scaled))
        driver.run(counts)
        let first = driver.incidents().first?.event
        XCTAssertNotNil(first, "a spike of 150 over 20 in 5 minutes passes the busy bars too")
        let explanation = first?.explanation ?? ""
        XCTAssertTrue(explanation.contains("; warning bar "), explanation)
        XCTAssertTrue(explanation.contains("mentions a day"), explanation)
    }

    func testSmallShopBurstStillWarnsUnderVolumeScaledBars() {
        // 2 a day, then 6 complaints in an hour: judged by the trickle bars, it warns within 30 minutes.
        var counts = [Int](repeating: 0, count: 8 * SyntheticVolume.perDay)
        for day in 0..<8 {
            counts[day * SyntheticVolume.perDay + 10 * 12] = 1
            counts[day * SyntheticVolume.perDay + 16 * 12] = 1
        }
        let burst = 7 * SyntheticVolume.perDay + 12 * 12
        for post in 0..<6 { counts[burst + post * 2] += 1 }
        var driver = CrisisDriver(detector: CrisisDetector(settings: scaled))
        driver.run(counts)
        let warning = driver.alerts().first { $0.event.level >= .warning }
        XCTAssertNotNil(warning, "\(driver.alerts().map(\.event.explanation))")
        XCTAssertLessThanOrEqual((warning?.index ?? .max) - burst, 6, "within 30 minutes")
        XCTAssertFalse(warning?.event.explanation.contains("warning bar 7") ?? true)
    }
}
