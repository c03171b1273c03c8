import Foundation
import ReputationCore

/// Mentions an earlier run logged that the crisis detector has not counted: the tail of a run that died before
/// saving its state, or, when the state is rebuilt from the log, the newest run's mentions (`PollStateRebuild`).
/// The poll counts them and closes the detector up to `until`, the time of the run that logged them, before it
/// counts its own: so that run's alerts come out as they would have (the same episode, the same window, the key
/// `CrisisFiling` dedupes on), and the poll's news is not folded into buckets that run had closed.
struct CrisisCarry: Sendable {
    var mentions: [AssessedMention] = []
    var until: Date?

    init(mentions: [AssessedMention] = [], until: Date? = nil) {
        self.mentions = mentions
        self.until = until
    }

    /// A killed run's tail: its mentions carry that run's time (a tail of several runs closes at the newest).
    init(unprocessed tail: [AssessedMention], now: Date) {
        mentions = tail
        until = tail.map(\.mention.fetchedAt).max().map { min($0, now) }
    }
}
