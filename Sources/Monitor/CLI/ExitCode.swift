/// Exit codes that let cron and systemd tell "retry later" from "fix something" (sysexits.h values).
package enum ExitCode: Int32, Sendable {
    case ok = 0
    /// The run completed but some feeds failed.
    case someFeedsFailed = 1
    case usage = 64
    /// Bad configuration or data.
    case dataError = 65
    case unavailable = 69
    case internalError = 70
    case cannotCreate = 73
    /// Another run holds the lock; try again later.
    case temporaryFailure = 75
}
