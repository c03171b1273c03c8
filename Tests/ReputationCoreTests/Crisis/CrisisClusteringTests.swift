import Foundation
import XCTest
@testable import ReputationCore

/// Clustered mentions (a post and its replies, a thread, a bot's bursts) are counted in clusters by the tail
/// odds; posts that come one by one are judged by Poisson.
final class CrisisClusteringTests: XCTestCase {
    private let day = SyntheticVolume.perDay

    /// Exact −log10 P(X ≥ k) for X ~ Poisson(m), by summing terms.
    private func exactSurprise(count: Int, expected m: Double) -> Double {
        let below = (0..<count).reduce(0.0) { $0 + exp(Double($1) * log(m) - m - lgamma(Double($1) + 1)) }
        return -log10(max(1 - below, 1e-300))
    }

    func testTheTailCountsClustersAndIsPoissonForSinglePosts() {
        for (count, expected) in [(4, 0.077), (9, 0.7), (30, 10.0), (300, 200.0)] {
            let poisson = Crisis.Tail.surprise(count: count, expected: expected)
            XCTAssertEqual(Crisis.Tail.surprise(count: count, expected: expected, clustering: 1), poisson)
            let exact = exactSurprise(count: count, expected: expected)
            // The geometric bound errs towards "less surprising", and by little where it matters (far out).
            XCTAssertLessThanOrEqual(poisson, exact + 1e-9, "count \(count), expected \(expected)")
            if exact >= 2 { XCTAssertGreaterThan(poisson, exact - 0.3, "count \(count), expected \(expected)") }
            var previous = poisson
            for clustering in [1.5, 3.0, 6.0] {
                let clustered = Crisis.Tail.surprise(count: count, expected: expected, clustering: clustering)
                XCTAssertLessThan(clustered, previous, "count \(count), expected \(expected), \(clustering)")
                previous = clustered
            }
        }
        // Four posts in threes are about one and a third threads: not unusual (1 in 40) where a third of a thread
        // (0.23 posts) was expected, whereas four single posts are (1 in 4,000).
        XCTAssertLessThan(Crisis.Tail.surprise(count: 4, expected: 0.077 * 3, clustering: 3), 2)
        XCTAssertGreaterThan(Crisis.Tail.surprise(count: 4, expected: 0.077 * 3), 3.5)
        let plain = Crisis.Tail.count(reaching: 5, expected: 0.5)
        let clustered = Crisis.Tail.count(reaching: 5, expected: 0.5, clustering: 4)
        XCTAssertGreaterThan(clustered, 2 * plain)
        XCTAssertGreaterThanOrEqual(Crisis.Tail.surprise(count: clustered, expected: 0.5, clustering: 4), 5)
        XCTAssertLessThan(Crisis.Tail.surprise(count: clustered - 1, expected: 0.5, clustering: 4), 5)
    }

    /// Clusters of one to eight mentions at a trickle learn a factor near their size; single posts at a trickle,
    /// and any volume where every bucket is busy, keep it near 1.
    func testClustersLearnTheirSizeAndSinglePostsStayPoisson() {
        var clustered = Crisis.Clustering()
        var single = Crisis.Clustering()
        var busy = Crisis.Clustering()
        var random = SplitMix(seed: 5)
        for _ in 0..<(21 * day) {
            let clusters = random.poisson(0.05)
            clustered.learn((0..<clusters).map { _ in 1 + Int(random.uniform() * 8) }.reduce(0, +), expected: 0.225)
            single.learn(random.poisson(2.0 / 288), expected: 2.0 / 288)
            busy.learn(random.poisson(20), expected: 20)
        }
        // E[size²] / E[size] = 25.5 / 4.5 for sizes 1…8, plus the rate 0.225, over Poisson's 1 + 0.225: 4.8.
        XCTAssertEqual(clustered.factor, 4.8, accuracy: 0.6)
        XCTAssertEqual(single.factor, 1, accuracy: 0.05)
        XCTAssertEqual(busy.factor, 1, accuracy: 0.05)
    }

    /// A quiet scope (about 65 mentions a day) whose mentions come in clusters of one to eight: counted in
    /// mentions its ordinary clusters alarm (the count since a burst began is judged by its odds alone there);
    /// counted in the clusters it learned they do not, and a real surge is still seen.
    func testAClusteredQuietScopeDoesNotFloodButItsSurgeIsSeen() {
        var random = SplitMix(seed: 9)
        var counts = (0..<(21 * day)).map { _ in
            (0..<random.poisson(0.05)).map { _ in 1 + Int(random.uniform() * 8) }.reduce(0, +)
        }
        let surge = 18 * day + 15 * 12
        for index in surge..<(surge + 6) { counts[index] += 12 }
        func run(_ clustering: Double) -> CrisisDriver {
            var driver = CrisisDriver(detector: CrisisDetector(settings: CrisisSettings(clustering: clustering)))
            driver.scopes = [.brand()]
            driver.run(counts)
            return driver
        }
        let poisson = run(0)
        let learned = run(1)
        let before = { (driver: CrisisDriver) in driver.incidents().filter { $0.index < surge }.count }
        XCTAssertGreaterThan(before(poisson), before(learned) + 2, "counted in mentions, clusters alarm more often: "
            + "\(poisson.incidents().map(\.event.explanation))")
        // What is left is rare there too: three clusters in ten minutes where a tenth of one is usual.
        XCTAssertLessThanOrEqual(before(learned), 2, "\(learned.incidents().map(\.event.explanation))")
        XCTAssertTrue(learned.incidents().contains { (surge..<(surge + 6)).contains($0.index) },
                      "\(learned.incidents().map(\.event.explanation))")
    }
}
