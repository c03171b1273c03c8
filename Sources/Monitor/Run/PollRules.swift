import Foundation
import ReputationCore

/// The rules a poll runs on, loaded once per process (a `watch` daemon keeps them for every cycle): the one
/// assessment of a post (`Assessor`, pure) and how feed items become mentions with one identity per post
/// (`MentionIdentity`, whose tracking-parameter rules are read from the same bundle and overlay).
package struct PollRules: Sendable {
    package let assessor: Assessor
    package let identity: MentionIdentity
    /// monitor.json's `brand.terms`: what feeds without keywords look for (`MentionFilter`).
    package let brand: KeywordFilter

    package init(settings: MonitorSettings) throws {
        assessor = try Assessor(settings: settings)
        identity = MentionIdentity(tracking: try TrackingParameters.load(overlay: settings.rulesOverlay))
        brand = KeywordFilter(settings.brand.terms)
    }
}
