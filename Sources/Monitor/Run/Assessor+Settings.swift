import ReputationCore

extension Assessor {
    /// The bundled rules with the overlay folder monitor.json names (or `feeds/rules/` when present), for its
    /// `languages`.
    package init(settings: MonitorSettings) throws {
        self = try Assessor.load(overlay: settings.rulesOverlay, languages: settings.languages)
    }
}
