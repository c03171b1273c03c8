import Foundation

/// SplitMix64: a seeded generator, so every kill moment and byte mutation can be replayed from the printed seed.
struct HarnessRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The seed from `VIGIA_HARNESS_SEED`, else a fixed one (CI runs are reproducible; set the variable to explore).
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["VIGIA_HARNESS_SEED"] ?? "") ?? 20_261_122 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform fraction in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// `--now` values: a fixed start, advancing so every feed is due on each run.
struct HarnessClock {
    private(set) var date: Date
    let step: TimeInterval

    init(start: String = "2026-11-20T08:00:00Z", step: TimeInterval = 600) {
        date = ISO8601DateFormatter().date(from: start) ?? Date(timeIntervalSince1970: 1_795_000_000)
        self.step = step
    }

    mutating func next() -> String {
        date.addTimeInterval(step)
        return ISO8601DateFormatter().string(from: date)
    }
}
