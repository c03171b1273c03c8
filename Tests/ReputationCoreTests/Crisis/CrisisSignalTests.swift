import XCTest
@testable import ReputationCore

/// Signals beyond raw volume: the share of negative posts, and one negative post by a high-reach author.
final class CrisisSignalTests: XCTestCase {
    private let day = SyntheticVolume.perDay

    /// About one in ten mentions negative, except `surge` buckets where `share` of them are.
    private func negatives(_ counts: [Int], surge: Range<Int>, share: Double) -> [Int] {
        counts.enumerated().map { index, count in
            let fraction = surge.contains(index) ? share : (index % 10 == 0 ? 0.3 : 0.07)
            return Int((Double(count) * fraction).rounded())
        }
    }

    func testNegativeShareJumpAtNormalVolumeIsAWarning() {
        let counts = SyntheticVolume(base: 20, seed: 11).counts(days: 8)
        let surge = (6 * day + 14 * 12)..<(6 * day + 16 * 12)
        var driver = CrisisDriver()
        driver.run(counts, negatives: negatives(counts, surge: surge, share: 0.6))

        let incidents = driver.incidents()
        XCTAssertEqual(incidents.count, 1, "\(incidents.map(\.event.explanation))")
        guard let event = incidents.first?.event else { return }
        XCTAssertEqual(event.level, .warning)
        XCTAssertTrue(surge.contains(incidents[0].index))
        XCTAssertTrue(event.explanation.contains("negative"), event.explanation)
        XCTAssertGreaterThanOrEqual(Double(event.negativeCount), event.threshold)
        XCTAssertEqual(event.windowMinutes, 120)
    }

    func testUsualNegativeShareRaisesNothing() {
        let counts = SyntheticVolume(base: 20, seed: 11).counts(days: 8)
        var driver = CrisisDriver()
        driver.run(counts, negatives: negatives(counts, surge: 0..<0, share: 0))
        XCTAssertTrue(driver.alerts().isEmpty, "\(driver.alerts().map(\.event.explanation))")
    }

    func testOneNegativePostByAHighReachAuthorIsAWarning() {
        let counts = SyntheticVolume(base: 3, seed: 12).counts(days: 3)
        let post = 2 * day + 100
        var driver = CrisisDriver()
        driver.run(counts, reach: [post: 250_000, post + 300: 900])

        let incidents = driver.incidents(scope: .channel("twitter"))
        XCTAssertEqual(incidents.map(\.index), [post])
        XCTAssertEqual(incidents.first?.event.level, .warning)
        XCTAssertEqual(
            incidents.first?.event.explanation,
            "channel twitter: a negative post by an author with reach 250000 (threshold 100000)")
    }

    func testInfluencerWarningNeedsNoHistory() {
        var detector = CrisisDetector(settings: .default)
        detector.record(at: SyntheticVolume.time(0), scopes: [.brand()], negative: true, authorReach: 2_000_000)
        let events = detector.advance(to: SyntheticVolume.time(1))
        XCTAssertEqual(events.map(\.level), [.warning])
        XCTAssertEqual(events.first?.kind, .started)
    }

    func testCategoryScopeIsCountedOnItsOwn() {
        var driver = CrisisDriver()
        driver.run(SyntheticVolume(base: 10, seed: 13).counts(days: 1))
        let scopes = Set(driver.detector.scopes)
        XCTAssertEqual(scopes, [.brand(), .channel("twitter")])
        driver.scopes = [.brand(), .channel("twitter"), .category("refund")]
        driver.run([4], from: SyntheticVolume.perDay)
        XCTAssertTrue(driver.detector.scopes.contains(.category("refund")))
    }

    func testAnInfluencerWarningDoesNotMaskASurgeThatFollows() {
        var counts = SyntheticVolume(base: 20, seed: 14).counts(days: 7)
        let post = 5 * day + 9 * 12
        let surge = post + 3 * 12
        for index in surge..<(surge + 3) { counts[index] = 200 }
        var driver = CrisisDriver()
        driver.run(counts, reach: [post: 300_000])

        let incidents = driver.incidents()
        XCTAssertEqual(incidents.map(\.index), [post, surge], "\(incidents.map(\.event.explanation))")
        XCTAssertTrue(incidents.last?.event.explanation.contains("mentions in") ?? false)
    }

    func testNegativeShareThatComesAndGoesIsOneIncident() {
        let counts = SyntheticVolume(base: 20, seed: 15).counts(days: 8)
        let first = (6 * day + 9 * 12)..<(6 * day + 11 * 12)
        let second = (6 * day + 16 * 12)..<(6 * day + 18 * 12)  // five hours later, after the first has ended
        let once = negatives(counts, surge: first, share: 0.6)
        let twice = zip(once, negatives(counts, surge: second, share: 0.6)).map { max($0, $1) }
        var driver = CrisisDriver()
        driver.run(counts, negatives: twice)

        XCTAssertEqual(driver.incidents().count, 1, "\(driver.incidents().map(\.event.explanation))")
        let ended = driver.ended().filter { $0.index > first.lowerBound }
        XCTAssertLessThan(ended.first?.index ?? .max, second.lowerBound, "the first episode ended before the second")
    }
}
