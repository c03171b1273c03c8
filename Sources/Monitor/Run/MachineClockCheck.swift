import Foundation
import ReputationCore

/// Whether this machine's clock is far from what the feeds' servers say (`ServerClock`). A clock years ahead would
/// escalate every task as overdue and bar the runs after it (`RunError.clockBehind`); one years behind would file
/// the day's posts under 1970. A poll says so and does nothing when at least two servers answered and every one of
/// them disagrees, the same way, by more than the slack: one server with a wrong clock (or a hostile feed's made-up
/// `Date`) can never stop a poll, and a server that agrees settles it.
package enum MachineClockCheck {
    /// Every server that answered reads far from this machine's clock, the same way.
    package struct Dispute: Sendable, Hashable, CustomStringConvertible {
        package var now: Date
        /// This clock is ahead of every server (else behind every one).
        package var ahead: Bool
        /// The least disagreement among the servers.
        package var by: TimeInterval
        package var servers: [ServerClock]

        /// "this machine's clock reads …, but every server that answered reads at least … earlier (2: …): the clock is ahead".
        package var description: String {
            let readings = servers.prefix(5).map { "\($0.server) at \(ISOTime.format($0.time))" }.joined(separator: ", ")
            return "this machine's clock reads \(ISOTime.format(now)), but every server that answered this poll reads at "
                + "least \(DurationText.describe(by)) \(ahead ? "earlier" : "later") (\(servers.count): \(readings)): the "
                + "clock is \(ahead ? "ahead" : "behind") (a wrong RTC or NTP answer?)"
        }
    }

    /// Servers needed before their word counts.
    package static let witnessesNeeded = 2

    /// The dispute, or nil when the servers are too few, agree with this clock, or disagree among themselves.
    package static func judge(now: Date, readings: [ServerClock], slack: TimeInterval) -> Dispute? {
        let servers = ServerClock.latestPerServer(readings)
        let offsets = servers.map { now.timeIntervalSince($0.time) }
        guard servers.count >= witnessesNeeded, let least = offsets.min(), let most = offsets.max() else { return nil }
        if least > slack { return Dispute(now: now, ahead: true, by: least, servers: servers) }
        if -most > slack { return Dispute(now: now, ahead: false, by: -most, servers: servers) }
        return nil
    }
}
