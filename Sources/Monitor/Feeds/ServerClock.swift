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

    /// The reading of one answer: nil for a file, an answer without a `Date`, or a date no calendar holds. A cache's
    /// answer keeps the origin's `Date` and says how old it is in `Age` (RFC 9111), so the reading is the two summed:
    /// a feed a CDN has held for two days is not a witness that this clock runs two days ahead.
    package init?(_ response: HTTPResponse) {
        guard let scheme = response.effectiveURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = response.effectiveURL.host, let header = response.headers["date"],
              let date = FeedDate.parse(header)
        else { return nil }
        let time = date.addingTimeInterval(Self.age(response.headers["age"]))
        guard ISOTime.plausible.contains(time) else { return nil }
        self.init(server: response.effectiveURL.port.map { "\(host):\($0)" } ?? host, time: time)
    }

    /// `Age` in seconds: a non-negative integer (RFC 9111 §5.1), else 0; bounded to a year, past any cache's hold.
    static func age(_ header: String?) -> TimeInterval {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.utf8.count <= 12,
              text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Double(text)
        else { return 0 }
        return min(seconds, 365 * 86_400)
    }

    /// One reading per server, its latest (a server answering twice in a poll is one witness).
    package static func latestPerServer(_ readings: [ServerClock]) -> [ServerClock] {
        Dictionary(readings.map { ($0.server, $0) }) { $0.time >= $1.time ? $0 : $1 }.values
            .sorted { $0.server < $1.server }
    }
}
