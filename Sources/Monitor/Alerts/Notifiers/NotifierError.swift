import Foundation

/// A delivery that did not happen, naming the target. `isTemporary` tells network weather from a needed fix; both
/// are retried with backoff (nothing is dropped), but a permanent one is shown as needing attention.
package enum NotifierError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No server/hook configured for this channel: the item waits in the outbox.
    case notConfigured(channel: String, target: String, hint: String)
    case transport(target: String, reason: String, temporary: Bool)
    case httpStatus(url: String, status: Int)
    case commandFailed(name: String, argv0: String, status: Int32, stderr: String)
    case commandTimedOut(name: String, seconds: Double)
    case commandNotStartable(name: String, argv0: String, reason: String)

    package var description: String {
        switch self {
        case let .notConfigured(channel, target, hint): "\(channel) \(target): not configured (\(hint)); kept in the outbox"
        case let .transport(target, reason, _): "\(target): \(reason)"
        case let .httpStatus(url, status): "\(url): webhook answered HTTP \(status)"
        case let .commandFailed(name, argv0, status, stderr):
            "command hook '\(name)' (\(argv0)) exited \(status)" + (stderr.isEmpty ? "" : ": \(stderr)")
        case let .commandTimedOut(name, seconds): "command hook '\(name)' timed out after \(Int(seconds)) s and was stopped"
        case let .commandNotStartable(name, argv0, reason): "command hook '\(name)': cannot start \(argv0): \(reason)"
        }
    }

    package var isTemporary: Bool {
        switch self {
        case .notConfigured, .commandNotStartable: false
        case let .transport(_, _, temporary): temporary
        case let .httpStatus(_, status): status == 408 || status == 429 || status >= 500
        case .commandFailed, .commandTimedOut: true
        }
    }

    /// Whether this counts as an attempt (not configured: nothing was tried).
    package var wasAttempted: Bool {
        if case .notConfigured = self { return false }
        return true
    }
}
