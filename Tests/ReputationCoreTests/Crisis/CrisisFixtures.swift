import Foundation
import XCTest
@testable import ReputationCore

/// Deterministic synthetic mention volumes: Poisson counts around a daily rhythm, with a weekend factor.
struct SyntheticVolume {
    /// Monday 2024-01-01 00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_704_067_200)
    static let bucket: TimeInterval = 300
    static let perDay = 288

    var base: Double
    /// Relative swing of the daily rhythm (0.5: from half to one and a half times `base`, peak at 15:00).
    var dailyAmplitude = 0.5
    /// Volume on Saturdays and Sundays relative to weekdays.
    var weekendFactor = 1.0
    var seed: UInt64 = 1

    func rate(at index: Int) -> Double {
        let hours = Double(index % Self.perDay) / 12
        let day = (index / Self.perDay) % 7  // 0 = Monday
        let daily = 1 + dailyAmplitude * sin(2 * Double.pi * (hours - 9) / 24)
        return base * daily * (day >= 5 ? weekendFactor : 1)
    }

    func counts(days: Int) -> [Int] {
        var random = SplitMix(seed: seed)
        return (0..<(days * Self.perDay)).map { random.poisson(rate(at: $0)) }
    }

    static func time(_ index: Int) -> Date { start.addingTimeInterval(Double(index) * bucket) }
}

/// SplitMix64: a tiny seeded generator, so every run sees the same series.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Knuth's product method for small rates, a rounded normal approximation for large ones.
    mutating func poisson(_ rate: Double) -> Int {
        guard rate > 0 else { return 0 }
        if rate > 60 {
            let u1 = max(uniform(), 1e-12), u2 = uniform()
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return max(0, Int((rate + normal * rate.squareRoot()).rounded()))
        }
        let limit = exp(-rate)
        var product = uniform()
        var count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }
}

/// Drives a live detector bucket by bucket, as `vigia poll` would every five minutes.
struct CrisisDriver {
    var detector = CrisisDetector(settings: .default)
    var scopes: [Crisis.Scope] = [.brand(), .channel("twitter")]
    /// Events with the index of the bucket whose close raised them.
    var events: [(index: Int, event: Crisis.Event)] = []

    /// Records `counts[i]` mentions in bucket `first + i` (of which `negatives[i]` negative), then closes it.
    mutating func run(_ counts: [Int], from first: Int = 0, negatives: [Int]? = nil, reach: [Int: Int] = [:]) {
        for (offset, count) in counts.enumerated() {
            let index = first + offset
            let negative = negatives?[offset] ?? 0
            for mention in 0..<count {
                let at = SyntheticVolume.time(index).addingTimeInterval(Double(mention % 290) + 1)
                detector.record(at: at, scopes: scopes, negative: mention < negative, authorReach: nil)
            }
            if let authorReach = reach[index] {
                detector.record(at: SyntheticVolume.time(index).addingTimeInterval(7), scopes: scopes,
                                negative: true, authorReach: authorReach)
            }
            for event in detector.advance(to: SyntheticVolume.time(index + 1)) {
                events.append((index, event))
            }
        }
    }

    func alerts(scope: Crisis.Scope = .brand()) -> [(index: Int, event: Crisis.Event)] {
        events.filter { $0.event.isAlert && $0.event.scope == scope }
    }

    /// The first warning-or-crisis of each episode: what reaches a person as a new incident.
    func incidents(scope: Crisis.Scope = .brand()) -> [(index: Int, event: Crisis.Event)] {
        var opening = Crisis.IncidentOpening()
        return events.filter { $0.event.scope == scope && opening.opens($0.event) }
    }

    func ended(scope: Crisis.Scope = .brand()) -> [(index: Int, event: Crisis.Event)] {
        events.filter { $0.event.kind == .ended && $0.event.scope == scope }
    }
}
