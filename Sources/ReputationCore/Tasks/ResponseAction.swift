/// The whole action vocabulary: there is no delete, hide, block or report. Anything that asks for one of those —
/// in configuration, a template or a command — is refused, because criticism is answered, not removed.
package enum ResponseAction: String, Sendable, Codable, CaseIterable {
    case replyPublicly = "reply_publicly"
    case replyPrivately = "reply_privately"
    case escalate
    case followUp = "follow_up"
    case note

    /// Parses an action name from configuration; a removal verb throws `.forbiddenAction`, anything else unknown
    /// returns nil (the caller reports it with a suggestion).
    package static func parse(_ name: String, source: String) throws(TaskError) -> ResponseAction? {
        if let verb = NoDeletionPolicy.removal(asAction: name) { throw .forbiddenAction(action: verb, source: source) }
        let normalized = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        return ResponseAction(rawValue: normalized)
    }
}
