import Foundation
import ReputationCore

/// Reasons a run stops before doing its work.
package enum RunError: Error, CustomStringConvertible, Sendable, Equatable {
    case locked(path: String, holder: String, waited: TimeInterval)
    case cannotLock(path: String, reason: String)
    case unknownTask(id: String)
    case unreadableInput(path: String, reason: String)
    /// This machine's clock reads far before the last run it timed: a clock not yet set, not a what-if.
    case clockBehind(path: String, now: Date, lastRun: Date)
    /// Every server that answered the poll (at least two) reads far from this machine's clock, the same way.
    case clockDisputed(path: String, MachineClockCheck.Dispute)

    package var description: String {
        switch self {
        case let .locked(path, holder, waited):
            let wait = waited > 0 ? " after waiting \(DurationText.describe(waited))" : ""
            return "another vigia run holds \(path)\(holder.isEmpty ? "" : " (\(holder))")\(wait); this run did nothing, "
                + "try again later"
        case let .cannotLock(path, reason): return "\(path): cannot take the run lock: \(reason)"
        case let .unknownTask(id): return "no task with id '\(id)' (see 'vigia alerts --all')"
        case let .unreadableInput(path, reason): return "\(path): \(reason)"
        case let .clockBehind(path, now, lastRun):
            return "this machine's clock reads \(ISOTime.format(now)), \(DurationText.describe(lastRun.timeIntervalSince(now))) "
                + "before the last run it timed on \(path) (\(ISOTime.format(lastRun))): the clock is wrong (not yet "
                + "synchronised?); this run did nothing, try again once it is right (or state the time with --now). If "
                + "this clock is right, that last run's clock was ahead: poll once with the time stated, `vigia poll --now "
                + "\"$(date -u +%FT%TZ)\"`, and the runs on this clock go on from there"
        case let .clockDisputed(path, dispute):
            return "\(path): \(dispute); this run did nothing (nothing recorded, "
                + "filed or escalated), try again once it is right (or state the time with --now)"
        }
    }

    package var exitCode: ExitCode {
        switch self {
        case .locked: return .temporaryFailure
        case .cannotLock: return .cannotCreate
        case .unknownTask: return .dataError
        case .unreadableInput: return .dataError
        case .clockBehind, .clockDisputed: return .temporaryFailure
        }
    }
}
