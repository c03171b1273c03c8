extension Crisis {
    /// Which of one scope's events open a new incident: the first warning or crisis of each episode. An
    /// episode that escalates from warning to crisis is still one incident (its escalation files the crisis
    /// protocol and is printed by `--explain`), so a backtest counts it once, as a person meets it.
    package struct IncidentOpening: Sendable, Hashable {
        private var alerted = false

        package init() {}

        /// Feeds the scope's next event; true when it opens an incident.
        package mutating func opens(_ event: Event) -> Bool {
            if event.kind == .ended {
                alerted = false
                return false
            }
            guard event.isAlert, !alerted else { return false }
            alerted = true
            return true
        }
    }
}
