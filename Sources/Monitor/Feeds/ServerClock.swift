import CurlTransport
import Foundation
import ReputationCore

/// What an HTTP server said the time was when it answered (its `Date` header), and which server (`host:port`).
/// Servers' clocks are the one outside witness a poll has of this machine's clock (`MachineClockCheck`).
package struct ServerClock: Sendable, Hashable {
    package var server: String
    package var time: Date

    package init(server: String, time: Date) {
        self.server = server
        self.time = time
    }

    /// The reading of one answer: nil for a file, an answer without a `Date`, or a date no calendar holds.
    package init?(_ response: HTTPResponse) {
        guard let scheme = response.effectiveURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = response.effectiveURL.host, let header = response.headers["date"],
              let time = FeedDate.parse(header), ISOTime.plausible.contains(time)
        else { return nil }
        self.init(server: response.effectiveURL.port.map { "\(host):\($0)" } ?? host, time: time)
    }

    /// One reading per server, its latest (a server answering twice in a poll is one witness).
    package static func latestPerServer(_ readings: [ServerClock]) -> [ServerClock] {
        Dictionary(readings.map { ($0.server, $0) }) { $0.time >= $1.time ? $0 : $1 }.values
            .sorted { $0.server < $1.server }
    }
}
