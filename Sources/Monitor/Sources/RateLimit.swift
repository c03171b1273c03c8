import Foundation

/// What a server's rate-limit headers say about the budget left: Mastodon's `X-RateLimit-Remaining`/`-Reset`
/// (an ISO-8601 time), Bluesky's `RateLimit-Remaining`/`-Reset` (epoch seconds), Reddit's
/// `X-Ratelimit-Remaining`/`-Reset` (seconds from now, `Remaining` a decimal). A reset that is a number is read
/// as epoch seconds when it is past 2001 as such, else as seconds from now.
struct RateLimit: Sendable, Equatable {
    var remaining: Double
    var resetAt: Date?

    /// nil when the response carries no budget headers.
    static func read(_ headers: [String: String], now: Date) -> RateLimit? {
        let prefixes = ["x-ratelimit-", "ratelimit-"]
        for prefix in prefixes {
            guard let remainingText = headers[prefix + "remaining"], let remaining = Double(remainingText.trimmed),
                remaining.isFinite
            else { continue }
            return RateLimit(remaining: remaining, resetAt: headers[prefix + "reset"].flatMap { resetTime($0, now: now) })
        }
        return nil
    }

    /// A reset as ISO-8601, epoch seconds or seconds from now; nil when unreadable or absurd (over a day away).
    static func resetTime(_ text: String, now: Date) -> Date? {
        let value = text.trimmed
        let date: Date?
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            date = seconds > 978_307_200 ? Date(timeIntervalSince1970: seconds) : now.addingTimeInterval(seconds)
        } else {
            date = FeedDate.parse(value)
        }
        guard let date else { return nil }
        return min(max(date, now), now.addingTimeInterval(86_400))
    }

    /// When a 429 answer lets us try again: `Retry-After` (seconds or an HTTP date), else the budget's reset,
    /// else a minute.
    static func retryTime(_ headers: [String: String], now: Date) -> Date {
        if let retry = FeedSchedule.retryAfter(headers["retry-after"], now: now) {
            return now.addingTimeInterval(min(retry, 86_400))
        }
        let reset = (headers["x-ratelimit-reset"] ?? headers["ratelimit-reset"]).flatMap { resetTime($0, now: now) }
        if let reset, reset > now { return reset }
        return now.addingTimeInterval(60)
    }

    var isSpent: Bool { remaining < 1 }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
