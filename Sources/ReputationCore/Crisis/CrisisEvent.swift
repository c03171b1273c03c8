import Foundation

extension Crisis {
    /// A change in a scope's episode: it started, rose to a higher level, or ended (volume back to baseline).
    package struct Event: Sendable, Codable, Hashable {
        package enum Kind: String, Sendable, Codable { case started, escalated, ended }

        package var kind: Kind
        package var scope: Scope
        /// The level reached; for `ended`, the highest level of the episode.
        package var level: Level
        /// Start of the bucket whose close raised the event.
        package var bucketStart: Date
        /// Its end: the event is news to a run at this time or later, old news to one before.
        package var bucketEnd: Date
        /// Mentions in the window that decided (see `windowMinutes`), ending with this bucket.
        package var count: Int
        /// Negative mentions in that same window.
        package var negativeCount: Int
        /// Expected mentions in that window (hour-of-day profile); for a negative-share alert, expected negatives.
        package var baseline: Double
        /// Count at or above which the level is raised in that window.
        package var threshold: Double
        /// Length of the window that decided, in minutes (5, 30, 120 with the defaults).
        package var windowMinutes: Int
        /// One sentence for people: "brand: 9 mentions in 30 min, expected 0.7; chance under 1 in 10,000 (threshold 4.0)".
        package var explanation: String
        /// For a volume signal: the chance of at least `count` mentions in the window at the expected rate
        /// (Poisson tail; `--explain` prints it). `nil` for other signals.
        package var chance: Double?

        package init(
            kind: Kind, scope: Scope, level: Level, bucketStart: Date, count: Int, negativeCount: Int,
            baseline: Double, threshold: Double, windowMinutes: Int, explanation: String, chance: Double? = nil,
            bucketEnd: Date? = nil
        ) {
            self.chance = chance
            self.bucketEnd = bucketEnd ?? bucketStart.addingTimeInterval(300)
            self.kind = kind
            self.scope = scope
            self.level = level
            self.bucketStart = bucketStart
            self.count = count
            self.negativeCount = negativeCount
            self.baseline = baseline
            self.threshold = threshold
            self.windowMinutes = windowMinutes
            self.explanation = explanation
        }

        /// Whether this event should reach a person now (a warning or crisis that started or escalated).
        package var isAlert: Bool { kind != .ended && level >= .warning }
    }
}
