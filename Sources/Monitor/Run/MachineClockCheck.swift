import Foundation
import ReputationCore

/// Whether this machine's clock is far from what the feeds' servers say (`ServerClock`). A clock years ahead would
/// escalate every task as overdue and bar the runs after it (`RunError.clockBehind`); one years behind would file
/// the day's posts under 1970. A poll says so and does nothing when at least two servers answered and every one of
/// them disagrees, the same way, by more than the slack: one server with a wrong clock (or a hostile feed's made-up
/// `Date`) can never stop a poll, and a server that agrees settles it.
package enum MachineClockCheck {
    package enum Verdict: Sendable, Equatable {
        case agrees
        /// Every server reads at least this long before this machine's clock (the least of them).
        case ahead(by: TimeInterval, servers: [ServerClock])
        /// Every server reads at least this long after it.
        case behind(by: TimeInterval, servers: [ServerClock])
    }

    /// Servers needed before their word counts.
    package static let witnessesNeeded = 2

    package static func judge(now: Date, readings: [ServerClock], slack: TimeInterval) -> Verdict {
        let servers = ServerClock.latestPerServer(readings)
        guard servers.count >= witnessesNeeded else { return .agrees }
        let offsets = servers.map { now.timeIntervalSince($0.time) }
        if let least = offsets.min(), least > slack { return .ahead(by: least, servers: servers) }
        if let least = offsets.max(), -least > slack { return .behind(by: -least, servers: servers) }
        return .agrees
    }

    /// "this machine's clock reads …, but every server that answered reads at least … earlier (2: …): the clock is ahead".
    package static func dispute(now: Date, servers: [ServerClock]) -> String {
        let offsets = servers.map { now.timeIntervalSince($0.time) }
        let ahead = (offsets.min() ?? 0) > 0
        let least = ahead ? offsets.min() ?? 0 : -(offsets.max() ?? 0)
        let readings = servers.prefix(5).map { "\($0.server) at \(ISOTime.format($0.time))" }.joined(separator: ", ")
        return "this machine's clock reads \(ISOTime.format(now)), but every server that answered this poll reads at least "
            + "\(DurationText.describe(least)) \(ahead ? "earlier" : "later") (\(servers.count): \(readings)): the clock is "
            + "\(ahead ? "ahead" : "behind") (a wrong RTC or NTP answer?)"
    }
}
