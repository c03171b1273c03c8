/// Namespace of the crisis detector: volume and negativity surges per scope (brand, channel, complaint category).
public enum Crisis {
    /// How bad an episode is. Ordered: watch < warning < crisis.
    public enum Level: String, Sendable, Codable, Comparable, CaseIterable {
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

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }
}
