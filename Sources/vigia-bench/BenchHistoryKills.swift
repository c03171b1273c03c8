import Foundation

/// Which runs of the simulated year are cut off with SIGKILL, and when: one poll (and one task step) in `every` on
/// average (a run killed only if it had not ended by its moment, so the count killed varies a little with load),
/// chosen by a SplitMix64 of its own (the corpus draws from another, so the year's posts are the same with kills
/// and without), killed at a moment uniform in [0, 1.2 × the last completed run's wall time] of its kind, so kills
/// land anywhere from the lock to the last view written. A killed run is run again to completion, as cron (a poll)
/// or the person (a step) would.
struct HistoryKills {
    /// 0: nothing is killed.
    let every: Int
    private(set) var pollsKilled = 0
    private(set) var stepsKilled = 0
    /// Polls run again that found mentions the killed one had logged but not finished (killed mid-commit).
    private(set) var midCommit = 0
    /// The last completed run's wall time, by kind: polls grow with the day's load, steps with the ids named.
    private var typical: [Kind: Double] = [.poll: 0.5, .step: 0.2]
    private var random: UInt64 = 0xD1B5_4A32_D192_ED03

    enum Kind { case poll, step }

    init(every: Int) { self.every = every }

    /// The moment to kill the next run of `kind` at, or nil to let it run.
    mutating func moment(for kind: Kind) -> Double? {
        guard every > 0, next() % UInt64(every) == 0 else { return nil }
        return Double(next() % 1_000_001) / 1_000_000 * 1.2 * (typical[kind] ?? 0.5)
    }

    /// Counts a run that was killed, or learns a completed run's wall time.
    mutating func note(_ run: ChildRun, _ kind: Kind) {
        guard run.killed else {
            typical[kind] = run.seconds
            return
        }
        switch kind {
        case .poll: pollsKilled += 1
        case .step: stepsKilled += 1
        }
    }

    /// What the poll run again after a kill said it recovered.
    mutating func noteRecovered(_ mentions: Int) {
        if mentions > 0 { midCommit += 1 }
    }

    /// The counts of an earlier run (`--verify` reports them).
    mutating func restore(polls: Int, steps: Int, midCommit: Int) {
        pollsKilled = polls
        stepsKilled = steps
        self.midCommit = midCommit
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
