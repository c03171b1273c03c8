import XCTest
@testable import ReputationCore

/// A small shop's volume: about 2 mentions a day. The count-aware test must see 6 angry posts in an hour, and
/// must not alarm on 3 posts in an hour or on a normal morning after a quiet night.
final class CrisisSmallShopTests: XCTestCase {
    private let day = SyntheticVolume.perDay
    /// Two mentions a day, in 5-minute buckets, with a daily rhythm (busier in the afternoon).
    private let shop = SyntheticVolume(base: 2.0 / 288, dailyAmplitude: 0.5)

    private func history(seed: UInt64) -> [Int] {
        var volume = shop
        volume.seed = seed
        return volume.counts(days: 14)
    }

    /// Puts `posts` mentions, evenly spread over `minutes`, from bucket `start`.
    private func burst(_ counts: inout [Int], at start: Int, posts: Int, minutes: Int) {
        for post in 0..<posts { counts[start + post * minutes / posts / 5] += 1 }
    }

    /// Six posts ten minutes apart. The warning comes with the fourth, 30 minutes after the first (in the bucket
    /// that holds it): four posts in 35 minutes at this volume are rarer than 1 in 100,000, judged as the count
    /// since the burst began; three posts plus one ordinary post must not alarm.
    func testSixComplaintsInAnHourAreAWarningWithinHalfAnHour() {
        for seed in UInt64(1)...5 {
            var counts = history(seed: seed)
            let start = 10 * day + 14 * 12  // day 10, 14:00
            burst(&counts, at: start, posts: 6, minutes: 60)
            var driver = CrisisDriver()
            driver.scopes = [.brand()]
            driver.run(counts)
            let first = driver.incidents().first { $0.index >= start }
            XCTAssertNotNil(first, "seed \(seed): no alert for 6 posts in an hour")
            if let first {
                XCTAssertLessThanOrEqual(first.index, start + 6, "seed \(seed): alerted \(first.index - start) buckets in")
                XCTAssertGreaterThanOrEqual(first.event.level, .warning)
                XCTAssertTrue(first.event.explanation.contains("expected 0."), first.event.explanation)
                XCTAssertTrue(first.event.explanation.contains("chance under 1 in"), first.event.explanation)
                XCTAssertLessThan(first.event.chance ?? 1, 1e-5, first.event.explanation)
            }
            XCTAssertTrue(driver.alerts().allSatisfy { $0.index >= start }, "seed \(seed): \(driver.alerts().map(\.event.explanation))")
        }
    }

    /// The same six posts at random minutes of the hour (seeded): whenever four of them fall within 30 minutes
    /// of the first, the warning comes by the bucket of the fourth, and by the last post otherwise.
    func testSixComplaintsAtRandomMinutesWarnByTheFourthPost() {
        var random = SplitMix(seed: 77)
        for seed in UInt64(1)...8 {
            var counts = history(seed: seed)
            let start = 10 * day + 14 * 12
            let minutes = ([0] + (0..<5).map { _ in Int(random.uniform() * 60) }).sorted()
            for minute in minutes { counts[start + minute / 5] += 1 }
            var driver = CrisisDriver()
            driver.scopes = [.brand()]
            driver.run(counts)
            let first = driver.incidents().first { $0.index >= start }
            XCTAssertNotNil(first, "seed \(seed), minutes \(minutes): no alert")
            XCTAssertGreaterThanOrEqual(first?.event.level ?? .watch, .warning, "seed \(seed), minutes \(minutes)")
            // Four within half an hour: by the fourth; otherwise by the last.
            let due = minutes[3] <= 30 ? minutes[3] : minutes[5]
            XCTAssertLessThanOrEqual(first?.index ?? .max, start + due / 5, "seed \(seed), minutes \(minutes)")
        }
    }

    /// A crisis of 40 posts in five minutes, three days before: it must not teach that 40-post clusters are the
    /// shop's usual, so the next burst of six posts in an hour still warns by the fourth.
    func testABigCrisisDoesNotNumbTheNextWarning() {
        for seed in UInt64(1)...3 {
            var counts = history(seed: seed)
            let first = 7 * day + 11 * 12
            for index in first..<(first + 4) { counts[index] += 40 }
            let start = 10 * day + 14 * 12
            burst(&counts, at: start, posts: 6, minutes: 60)
            var driver = CrisisDriver()
            driver.scopes = [.brand()]
            driver.run(counts)
            let next = driver.incidents().first { $0.index >= start }
            XCTAssertLessThanOrEqual(next?.index ?? .max, start + 6, "seed \(seed): "
                + "\(driver.incidents().map(\.event.explanation))")
        }
    }

    func testThreePostsInAnHourAreNoAlert() {
        for seed in UInt64(1)...5 {
            for minutes in [5, 60] {  // bunched in one bucket, or spread over the hour
                var counts = history(seed: seed)
                burst(&counts, at: 10 * day + 14 * 12, posts: 3, minutes: minutes)
                var driver = CrisisDriver()
                driver.scopes = [.brand()]
                driver.run(counts)
                XCTAssertTrue(driver.alerts().isEmpty, "seed \(seed), \(minutes) min: "
                    + "\(driver.alerts().map(\.event.explanation))")
            }
        }
    }

    func testAQuietNightThenANormalMorningIsNoAlert() {
        for (base, seed) in [(2.0 / 288, UInt64(11)), (0.05, 12), (0.5, 13)] {
            // Nights (00:00–07:00) hold nothing at all; mornings and afternoons hold the usual volume.
            var counts = SyntheticVolume(base: base, dailyAmplitude: 0.3, seed: seed).counts(days: 14)
            for index in counts.indices where (index % day) < 7 * 12 { counts[index] = 0 }
            var driver = CrisisDriver()
            driver.scopes = [.brand()]
            driver.run(counts)
            XCTAssertTrue(driver.alerts().isEmpty, "base \(base)/bucket: \(driver.alerts().map(\.event.explanation))")
        }
    }
}
