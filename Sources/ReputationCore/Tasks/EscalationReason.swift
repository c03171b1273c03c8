import Foundation

extension Escalation {
    /// Why a notice went out. The raw values are the words the journal (`detail` of `escalated`/`warned`) and the
    /// notice fields (`reason`) have always held, so old journals and outboxes read as before.
    package enum Reason: String, Sendable, Codable, CaseIterable {
        /// The crisis level reached a ladder level's bar.
        case crisis
        /// An unacknowledged task past its deadline.
        case overdue
        /// An unacknowledged task within `warn_before` of its deadline.
        case warning
        /// A crisis that ended, told to every level that heard about it.
        case ended
        /// A press task, sent to the press contact at once.
        case press

        /// Whether a digest counts it among the crisis notices.
        package var isCrisis: Bool { self == .crisis || self == .ended }
    }
}

extension Notice {
    /// The reason in the notice's fields; nil for a digest or a notice from a newer version.
    package var reason: Escalation.Reason? { fields["reason"].flatMap(Escalation.Reason.init(rawValue:)) }
}

extension JournalEvent {
    /// The reason an `escalated` or `warned` event records in `detail`; nil for other events.
    package var escalationReason: Escalation.Reason? {
        guard kind == .escalated || kind == .warned else { return nil }
        return detail.flatMap(Escalation.Reason.init(rawValue:))
    }
}
