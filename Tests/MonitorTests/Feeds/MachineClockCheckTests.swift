import CurlTransport
import Foundation
import XCTest
@testable import Monitor

/// This machine's clock against what the feeds' servers say (their `Date` headers): a poll refuses only when two or
/// more servers answered and every one disagrees the same way by more than the slack.
final class MachineClockCheckTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_893_456_000)  // 2030-01-01
    private let day: TimeInterval = 86_400

    private func reading(_ server: String, _ offset: TimeInterval) -> ServerClock {
        ServerClock(server: server, time: now.addingTimeInterval(offset))
    }

    func testEveryServerYearsEarlierMeansThisClockIsAhead() throws {
        let readings = [reading("a.example", -3 * 365 * day), reading("b.example:8443", -3 * 365 * day + 60)]
        let dispute = try XCTUnwrap(MachineClockCheck.judge(now: now, readings: readings, slack: day), "two servers three years earlier")
        XCTAssertTrue(dispute.ahead)
        XCTAssertEqual(dispute.by, 3 * 365 * day - 60, accuracy: 1, "the least disagreement is told")
        XCTAssertEqual(dispute.servers.map(\.server), ["a.example", "b.example:8443"])
    }

    func testEveryServerLaterMeansThisClockIsBehind() {
        let readings = [reading("a.example", 50 * 365 * day), reading("b.example", 50 * 365 * day)]
        let dispute = MachineClockCheck.judge(now: now, readings: readings, slack: day)
        XCTAssertEqual(dispute?.ahead, false, "an unset clock (1970 against today): behind")
    }

    func testOneServerIsNotEnoughWhateverItSays() {
        // A hostile feed's made-up Date, or one server with a wrong clock, must never stop the shop's polls.
        let lone = [reading("hostile.example", -20 * 365 * day), reading("hostile.example", -20 * 365 * day + 5)]
        XCTAssertEqual(MachineClockCheck.judge(now: now, readings: lone, slack: day), nil)
    }

    func testOneServerThatAgreesSettlesIt() {
        let readings = [reading("a.example", -2 * 365 * day), reading("b.example", -2 * 365 * day), reading("c.example", 30)]
        XCTAssertEqual(MachineClockCheck.judge(now: now, readings: readings, slack: day), nil)
        let split = [reading("a.example", -2 * 365 * day), reading("b.example", 2 * 365 * day)]
        XCTAssertEqual(MachineClockCheck.judge(now: now, readings: split, slack: day), nil, "they disagree with each other")
    }

    func testWithinTheSlackIsNoDispute() {
        let readings = [reading("a.example", -day + 60), reading("b.example", -day + 60)]
        XCTAssertEqual(MachineClockCheck.judge(now: now, readings: readings, slack: day), nil)
    }

    func testAServerAnsweringTwiceIsOneWitnessAtItsLatest() {
        let readings = [reading("a.example", -3 * day), reading("a.example", 0), reading("b.example", -3 * day)]
        XCTAssertEqual(MachineClockCheck.judge(now: now, readings: readings, slack: day), nil)
    }

    func testAReadingComesFromAnHTTPAnswersDateHeaderAndServer() throws {
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:8080/feed.xml"))
        let answer = HTTPResponse(
            status: 304, headers: ["date": "Sun, 06 Nov 1994 08:49:37 GMT"], body: Data(), effectiveURL: url, elapsed: 0)
        let clock = try XCTUnwrap(ServerClock(answer))
        XCTAssertEqual(clock.server, "127.0.0.1:8080")
        XCTAssertEqual(clock.time, Date(timeIntervalSince1970: 784_111_777))
        // A cache's answer: the origin's Date plus its Age. Ages that are not a plain count of seconds count 0.
        let cached = HTTPResponse(
            status: 200, headers: ["date": "Sun, 06 Nov 1994 08:49:37 GMT", "age": "172800"], body: Data(), effectiveURL: url,
            elapsed: 0)
        XCTAssertEqual(ServerClock(cached)?.time, Date(timeIntervalSince1970: 784_111_777 + 172_800))
        for age in ["-5", "1e9", "two days", "99999999999999999999"] {
            let odd = HTTPResponse(
                status: 200, headers: ["date": "Sun, 06 Nov 1994 08:49:37 GMT", "age": age], body: Data(), effectiveURL: url,
                elapsed: 0)
            XCTAssertEqual(ServerClock(odd)?.time, Date(timeIntervalSince1970: 784_111_777), "Age '\(age)'")
        }
        for header in ["", "yesterday", "Sun, 06 Nov 99999 08:49:37 GMT"] {
            let odd = HTTPResponse(status: 200, headers: ["date": header], body: Data(), effectiveURL: url, elapsed: 0)
            XCTAssertNil(ServerClock(odd), "'\(header)' is no reading")
        }
        let file = HTTPResponse(
            status: 200, headers: ["date": "Sun, 06 Nov 1994 08:49:37 GMT"], body: Data(),
            effectiveURL: URL(fileURLWithPath: "/tmp/feed.xml"), elapsed: 0)
        XCTAssertNil(ServerClock(file), "a file has no server")
    }
}
