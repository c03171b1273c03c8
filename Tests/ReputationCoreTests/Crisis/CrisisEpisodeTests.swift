import XCTest
@testable import ReputationCore

/// Hysteresis, escalation and cool-down: one incident is one alert.
final class CrisisEpisodeTests: XCTestCase {
    private let day = SyntheticVolume.perDay

    func testSecondSpikeInsideTheCoolDownIsPartOfTheSameIncident() {
        var counts = SyntheticVolume(base: 20, seed: 21).counts(days: 9)
        let first = 5 * day + 10 * 12
        let second = first + 6 * 12  // six hours later: inside the 24 h cool-down
        let third = first + 40 * 12  // forty hours later: a new incident
        for start in [first, second, third] {
            for index in start..<(start + 3) { counts[index] = 200 }
        }
        var driver = CrisisDriver()
        driver.run(counts)

        let incidents = driver.incidents().map(\.index)
        XCTAssertEqual(incidents.count, 2, "\(incidents)")
        XCTAssertEqual(incidents.first, first)
        // The third spike recurs 40 h after a bigger burst: it must beat that peak (decayed), which its
        // second bucket does.
        XCTAssertTrue((third...(third + 2)).contains(incidents.last ?? -1), "\(incidents)")
        let episodes = driver.events.filter { $0.event.scope == .brand() }
        let startedCount = episodes.filter { $0.event.kind == .started }.count
        let endedCount = episodes.filter { $0.event.kind == .ended }.count
        XCTAssertEqual(startedCount, endedCount, "every started episode ends once volume is back")
    }

    func testEpisodeEscalatesToCrisisWithoutASecondStart() {
        var counts = SyntheticVolume(base: 20, seed: 22).counts(days: 7)
        let start = 5 * day + 12 * 12
        // Grows over 25 minutes: a warning first, then a crisis.
        for (step, value) in [60, 70, 90, 200, 400].enumerated() { counts[start + step] = value }
        var driver = CrisisDriver()
        driver.run(counts)

        let brand = driver.events.filter { $0.event.scope == .brand() && $0.index >= start - 12 }
        let kinds = brand.map { "\($0.event.kind.rawValue):\($0.event.level.rawValue)" }
        XCTAssertEqual(brand.filter { $0.event.kind == .started }.count, 1, "\(kinds)")
        XCTAssertEqual(brand.last?.event.kind, .ended, "\(kinds)")
        XCTAssertEqual(brand.last?.event.level, .crisis, "\(kinds)")
        XCTAssertTrue(kinds.contains("escalated:crisis") || kinds.contains("started:crisis"), "\(kinds)")
    }

    func testLevelsAreOrdered() {
        XCTAssertLessThan(Crisis.Level.watch, .warning)
        XCTAssertLessThan(Crisis.Level.warning, .crisis)
        XCTAssertEqual(Crisis.Level.allCases.max(), .crisis)
    }
}
