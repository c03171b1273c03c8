import Foundation

/// Reasons a run stops before doing its work.
package enum RunError: Error, CustomStringConvertible, Sendable, Equatable {
    case locked(path: String, holder: String, waited: TimeInterval)
    case cannotLock(path: String, reason: String)
    case unknownTask(id: String)
    case unreadableInput(path: String, reason: String)

    package var description: String {
        switch self {
        case let .locked(path, holder, waited):
            let wait = waited > 0 ? " after waiting \(DurationText.describe(waited))" : ""
            return "another vigia run holds \(path)\(holder.isEmpty ? "" : " (\(holder))")\(wait); this run did nothing, "
                + "try again later"
        case let .cannotLock(path, reason): return "\(path): cannot take the run lock: \(reason)"
        case let .unknownTask(id): return "no task with id '\(id)' (see 'vigia alerts --all')"
        case let .unreadableInput(path, reason): return "\(path): \(reason)"
        }
    }

    package var exitCode: ExitCode {
        switch self {
        case .locked: return .temporaryFailure
        case .cannotLock: return .cannotCreate
        case .unknownTask: return .dataError
        case .unreadableInput: return .dataError
        }
    }
}
