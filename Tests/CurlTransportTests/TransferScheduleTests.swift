import XCTest

@testable import CurlTransport

/// The queue that decides which transfer may start: bounds and fairness, without any network.
final class TransferScheduleTests: XCTestCase {
    func testNeverExceedsPerHostOrTotalBounds() {
        let jobs = (0..<20).map { (index: $0, host: "h\($0 % 3)") }
        var schedule = TransferSchedule(jobs: jobs, maxTotal: 5, maxPerHost: 2)
        var running: [(index: Int, host: String)] = []
        var started: [Int] = []
        while !schedule.isFinished {
            while let job = schedule.startNext() {
                running.append(job)
                started.append(job.index)
            }
            XCTAssertLessThanOrEqual(running.count, 5)
            for host in ["h0", "h1", "h2"] {
                XCTAssertLessThanOrEqual(running.filter { $0.host == host }.count, 2)
            }
            let done = running.removeFirst()
            schedule.finish(host: done.host)
        }
        XCTAssertEqual(started.sorted(), Array(0..<20))
    }

    func testOneBusyHostDoesNotStarveOthers() {
        let jobs = (0..<10).map { (index: $0, host: "big") } + [(index: 10, host: "small")]
        var schedule = TransferSchedule(jobs: jobs, maxTotal: 8, maxPerHost: 4)
        var first: [Int] = []
        while let job = schedule.startNext() { first.append(job.index) }
        XCTAssertEqual(first.count, 5)
        XCTAssertTrue(first.contains(10))
        XCTAssertEqual(first.filter { $0 < 10 }, [0, 1, 2, 3])
    }

    func testHostKeyNormalisesCaseAndDefaultPorts() {
        XCTAssertEqual(TransferSchedule.hostKey(of: URL(string: "HTTPS://Example.COM/a")!), "https://example.com:443")
        XCTAssertEqual(
            TransferSchedule.hostKey(of: URL(string: "http://example.com:8080/")!), "http://example.com:8080")
    }
}
