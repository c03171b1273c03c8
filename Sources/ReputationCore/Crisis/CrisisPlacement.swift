import Foundation

extension Crisis {
    /// Where `CrisisDetector.record` put a mention.
    package enum Placement: Sendable, Hashable {
        /// In its own bucket, still open.
        case counted(bucketStart: Date)
        /// In its own bucket, already closed but inside the longest window: later windows include it.
        case countedLate(bucketStart: Date)
        /// Left out of detection, with why.
        case dropped(reason: String)
    }
}
