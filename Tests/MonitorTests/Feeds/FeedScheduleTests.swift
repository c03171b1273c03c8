import CurlTransport
import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A feed's next-due time after the clock that set it turns out to have been ahead (a step back of a couple of hours,
/// under the day that refuses a poll; a `--now` what-if ahead): brought back to the wait the feed's own state says it
/// held, measured from now, while a server's wait that is genuinely hours ahead is honoured.
final class FeedScheduleTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_795_370_400)  // 2026-11-22T18:00:00Z
    private let interval: TimeInterval = 15 * 60
    private let hour: TimeInterval = 3600
    private let settings = MonitorSettings.Polling()

    private let feed = FeedConfig(
        id: "reddit", url: URL(string: "https://www.reddit.com/search.json?q=casaalba")!, format: .json,
        channel: "reddit", interval: 15 * 60, headers: [:], keywords: [], mapping: nil, file: "reddit.feed.json")

    private func response(_ status: Int, _ headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(), effectiveURL: feed.url, elapsed: 0.1)
    }

    /// The state a poll at `polledAt` leaves, as `vigia poll` writes it.
    private func state(
        after status: FeedOutcome.Status, at polledAt: Date, response: HTTPResponse? = nil, waitUntil: Date? = nil
    ) -> FeedState {
        var outcome = FeedOutcome(feed: feed, status: status)
        outcome.response = response ?? self.response(status == .ok ? 200 : 500)
        outcome.error = status == .ok ? nil : "HTTP \(outcome.response?.status ?? 0)"
        outcome.waitUntil = waitUntil
        var state = FeedState()
        FeedStateUpdate.apply(outcome, newItems: 0, to: &state, settings: settings, now: polledAt)
        return state
    }

    private func forget(_ state: FeedState) -> (state: FeedState, changed: Bool) {
        var state = state
        let changed = FeedSchedule.forgetFuture(&state, interval: interval, cap: settings.maxBackoff, now: now)
        return (state, changed)
    }

    func testADueTimeSetByAClockTwoHoursAheadIsDueWithinAnIntervalOfNow() throws {
        let ahead = state(after: .ok, at: now.addingTimeInterval(2 * hour))
        XCTAssertEqual(ahead.nextDueAt, now.addingTimeInterval(2 * hour + interval))
        let (brought, changed) = forget(ahead)
        XCTAssertTrue(changed, "the schedule set ahead must count as reset")
        let due = try XCTUnwrap(brought.nextDueAt)
        XCTAssertLessThanOrEqual(due, now.addingTimeInterval(interval), "due two hours late: \(ISOTime.format(due))")
        XCTAssertEqual(due, now.addingTimeInterval(interval), "the poll's wait is measured again from now")
        XCTAssertEqual(brought.lastPolledAt, now)
        XCTAssertTrue(brought.isDue(now: now.addingTimeInterval(interval)))
    }

    /// What a run before this fix left: the poll time already taken back to now, the due time still the old clock's.
    func testADueTimeLeftAheadOfItsPollByMoreThanTheIntervalIsBroughtBack() throws {
        var stale = state(after: .ok, at: now.addingTimeInterval(-10 * 60))
        stale.nextDueAt = now.addingTimeInterval(2 * hour + 5 * 60)
        let (brought, changed) = forget(stale)
        XCTAssertTrue(changed)
        XCTAssertEqual(brought.nextDueAt, now.addingTimeInterval(5 * 60), "one interval after the poll it records")
    }

    func testAGenuineRetryAfterHoursAheadIsKept() {
        let limited = state(
            after: .failed, at: now.addingTimeInterval(-60), response: response(429, ["retry-after": "18000"]))
        XCTAssertEqual(limited.nextDueAt, now.addingTimeInterval(5 * hour - 60))
        let (kept, changed) = forget(limited)
        XCTAssertFalse(changed)
        XCTAssertEqual(kept.nextDueAt, limited.nextDueAt, "the server asked for five hours")
    }

    func testARateLimitResetHoursAheadIsKept() {
        let reset = now.addingTimeInterval(3 * hour)
        let spent = state(after: .ok, at: now.addingTimeInterval(-60), waitUntil: reset)
        let (kept, changed) = forget(spent)
        XCTAssertFalse(changed)
        XCTAssertEqual(kept.nextDueAt, reset)
        XCTAssertEqual(kept.waitingUntil, reset)
    }

    /// A server's wait stamped by a clock two hours ahead is owed in full from now: neither dropped nor two hours longer.
    func testARetryAfterSetByAClockAheadIsHonouredInFullFromNow() {
        let limited = state(
            after: .failed, at: now.addingTimeInterval(2 * hour), response: response(503, ["retry-after": "18000"]))
        let (brought, changed) = forget(limited)
        XCTAssertTrue(changed)
        XCTAssertEqual(brought.nextDueAt, now.addingTimeInterval(5 * hour))
    }

    func testARateLimitWaitSetByAClockAheadMovesWithIt() {
        let spent = state(after: .ok, at: now.addingTimeInterval(2 * hour), waitUntil: now.addingTimeInterval(5 * hour))
        let (brought, _) = forget(spent)
        XCTAssertEqual(brought.nextDueAt, now.addingTimeInterval(3 * hour))
        XCTAssertEqual(brought.waitingUntil, now.addingTimeInterval(3 * hour))
    }

    /// Times are stored in whole seconds: a schedule a second off its interval is the feed's own, left alone.
    func testAScheduleOnItsIntervalIsLeftAlone() {
        var onTime = state(after: .ok, at: now.addingTimeInterval(-5 * 60))
        onTime.nextDueAt = onTime.nextDueAt?.addingTimeInterval(1)
        let (kept, changed) = forget(onTime)
        XCTAssertFalse(changed)
        XCTAssertEqual(kept, onTime)
    }

    /// Further ahead than any schedule waits (a what-if dated months ahead): the feed is simply due.
    func testADueTimeFurtherThanAnyWaitIsForgotten() {
        let whatIf = state(after: .ok, at: now.addingTimeInterval(200 * 86_400))
        let (brought, changed) = forget(whatIf)
        XCTAssertTrue(changed)
        XCTAssertNil(brought.nextDueAt)
        XCTAssertTrue(brought.isDue(now: now))
    }
}
