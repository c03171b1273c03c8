import Foundation

/// Why one poll of a source stopped. Messages name the network, the account and the server's own words; they
/// never hold a credential (`SourceRedaction` scrubs them once more before they leave the poll).
enum SourceFailure: Error, CustomStringConvertible, Sendable {
    /// The server refused who we are: a wrong token or password. Needs the operator; a source-health task.
    case credentialRejected(String)
    /// Signed in, but not allowed to read this (a missing scope or permission). Needs the operator too.
    case permissionMissing(String)
    /// 429, or a budget spent: the source waits until `until`.
    case rateLimited(String, until: Date)
    /// The network's trouble (5xx, a reset connection): retried with back-off.
    case unavailable(String)
    /// An answer Vigía cannot use (not the documented shape, an unexpected status).
    case unexpected(String)
    /// The session store in alerts/state/ could not be written.
    case store(String)

    var description: String {
        switch self {
        case .credentialRejected(let text), .permissionMissing(let text), .unavailable(let text),
            .unexpected(let text), .store(let text):
            return text
        case .rateLimited(let text, let until):
            return "\(text); waiting until \(ISO8601DateFormatter().string(from: until))"
        }
    }

    /// A credential or permission problem: retrying does not help, a person must act.
    var needsOperator: Bool {
        switch self {
        case .credentialRejected, .permissionMissing: return true
        default: return false
        }
    }
}
