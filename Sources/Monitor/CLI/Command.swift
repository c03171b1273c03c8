import Foundation

/// What the user asked for, after the second parsing pass.
package enum Command: Sendable, Equatable {
    package enum AlertFilter: String, Sendable { case open, all, overdue }
    package enum Transition: String, Sendable { case ack, resolve, close, reopen, note }
    package enum ReportFormat: String, Sendable { case text, json, html }

    case poll
    case watch(every: TimeInterval)
    case score
    case alerts(AlertFilter)
    /// `ids` as typed; `from` a file of more ids, one a line ("-" for stdin), read when the command runs.
    case transition(Transition, ids: [String], from: String?, note: String?, by: String?, confirmed: Bool)
    case escalate(retryUncertain: Bool)
    case check(fetch: Bool)
    case report(since: TimeInterval, format: ReportFormat, out: String?)
    case crisisReplay(file: String, explain: Bool)
    case reply(ReplyOptions)
    case help(command: String?)
    case version
}

/// Options that apply to every command.
package struct GlobalOptions: Sendable, Equatable {
    package var feeds: String?
    package var alerts: String?
    package var now: Date?
    package var json = false

    package init(feeds: String? = nil, alerts: String? = nil, now: Date? = nil, json: Bool = false) {
        self.feeds = feeds
        self.alerts = alerts
        self.now = now
        self.json = json
    }
}

package struct Invocation: Sendable, Equatable {
    package var global: GlobalOptions
    package var command: Command
}
