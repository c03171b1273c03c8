/// Namespace of the crisis detector: volume and negativity surges per scope (brand, channel, complaint category).
package enum Crisis {
    /// How bad an episode is. Ordered: watch < warning < crisis.
    package enum Level: String, Sendable, Codable, Comparable, CaseIterable {
        /// Unusual but not yet worth a person's attention: shown in reports, not escalated.
        case watch
        /// Someone should look now.
        case warning
        /// Run the crisis protocol.
        case crisis

        private var rank: Int {
            switch self {
            case .watch: 0
            case .warning: 1
            case .crisis: 2
            }
        }

        package static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// What a crisis task last heard from the detector: a level, or that the episode ended. Its text forms
    /// ("watch", "warning", "crisis", "ended") are what the journal has always held, so old files read as before.
    package enum Stage: String, Sendable, Codable, CaseIterable {
        case watch, warning, crisis, ended

        package init(_ level: Level) {
            switch level {
            case .watch: self = .watch
            case .warning: self = .warning
            case .crisis: self = .crisis
            }
        }

        /// The level, `nil` once ended.
        package var level: Level? {
            switch self {
            case .watch: .watch
            case .warning: .warning
            case .crisis: .crisis
            case .ended: nil
            }
        }
    }
}
