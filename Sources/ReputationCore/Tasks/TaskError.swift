import Foundation

/// A task operation that cannot be done, naming the task and why. Usage-level problems (exit 64/65).
package enum TaskError: Error, CustomStringConvertible, Sendable, Equatable {
    case unknownTask(id: String, suggestion: String?)
    case invalidTransition(id: String, state: ResponseTask.State, action: String, hint: String)
    case needsConfirmation(id: String)
    /// A request to delete, hide, block or report: refused by policy.
    case forbiddenAction(action: String, source: String)
    case invalidTemplate(file: String, line: Int, reason: String)
    /// A step dated (`--now`) before the task existed.
    case beforeTask(id: String, at: Date, earliest: Date, what: String)

    package var description: String {
        switch self {
        case let .unknownTask(id, suggestion):
            return "no task with id '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .invalidTransition(id, state, action, hint):
            return "task \(id) is \(state.rawValue): cannot \(action); \(hint)"
        case let .needsConfirmation(id):
            return "task \(id): closing needs the customer's confirmation; run `vigia close \(id) --confirmed` "
                + "once they confirmed the solution"
        case let .forbiddenAction(action, source):
            return "\(source): '\(action)' refused — Vigía never deletes, hides, blocks or reports posts, tasks or "
                + "journal entries: criticism is answered, not removed"
        case let .invalidTemplate(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .beforeTask(id, at, earliest, what):
            return "task \(id): \(ISOTime.format(at)) is before \(what) (\(ISOTime.format(earliest))); a step cannot be "
                + "dated before what it answers (check --now)"
        }
    }
}
