import XCTest

/// Issue 13.4: a numeric date of 1e300 (or NaN-like junk, or before 1970) in one item trapped in the time
/// formatter, and since the item was served again every poll of every feed died. Now the date is dropped with
/// a warning naming the feed, the item is kept (dated by when it was fetched) and the other feeds go on.
final class AbsurdNumbersTests: XCTestCase {
    func testAHugeNumericDateIsReportedAndEveryFeedStillPolls() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let reddit = #"""
            {"kind": "Listing", "data": {"children": [
              {"kind": "t3", "data": {"name": "t3_huge", "title": "Casa Alba", "selftext": "Mi pedido no llega, estafa",
               "permalink": "/r/x/comments/huge/", "author": "a", "created_utc": 1e300}},
              {"kind": "t3", "data": {"name": "t3_past", "title": "Casa Alba", "selftext": "Otro pedido roto",
               "permalink": "/r/x/comments/past/", "author": "b", "created_utc": -86400}}]}}
            """#
        try reddit.write(to: vigia.feeds.appendingPathComponent("samples/reddit.json"), atomically: true, encoding: .utf8)
        let hn = #"{"hits": [{"objectID": "77", "title": "Casa Alba support", "created_at_i": 1e300}]}"#
        try hn.write(to: vigia.feeds.appendingPathComponent("samples/hn.json"), atomically: true, encoding: .utf8)
        try #"{"id": "hn", "url": "file:samples/hn.json", "format": "hn", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("hn.feed.json"), atomically: true, encoding: .utf8)
        let mapped = #"{"rows": [{"key": "r1", "body": "Casa Alba me cobró dos veces", "when": 1e300}]}"#
        try mapped.write(to: vigia.feeds.appendingPathComponent("samples/mapped.json"), atomically: true, encoding: .utf8)
        try #"""
            {"id": "mapped", "url": "file:samples/mapped.json", "format": "json", "interval": "5m",
             "mapping": {"items": "/rows", "id": "/key", "text": "/body", "date": "/when"}}
            """#.write(to: vigia.feeds.appendingPathComponent("mapped.feed.json"), atomically: true, encoding: .utf8)

        for minute in ["10:00", "10:10"] {
            let run = try vigia.run(["--json", "--now", "2026-11-23T\(minute):00Z", "poll"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try run.jsonObject()["failed"] as? Int, 0, run.stdout)
        }
        let mentions = try String(
            contentsOf: vigia.alerts.appendingPathComponent("mentions/2026-11-23.jsonl"), encoding: .utf8)
        for text in ["estafa", "Otro pedido roto", "Casa Alba support", "cobró dos veces", "117662595056648488"] {
            XCTAssertTrue(mentions.contains(text), "\(text) missing from \(mentions)")
        }
        let first = try vigia.run(["--now", "2026-11-23T11:00:00Z", "alerts"])
        XCTAssertEqual(first.status, 0, first.stderr)
    }

    func testTheWarningNamesTheFeed() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let hn = #"{"hits": [{"objectID": "77", "title": "Casa Alba support", "created_at_i": 1e300}]}"#
        try hn.write(to: vigia.feeds.appendingPathComponent("samples/hn.json"), atomically: true, encoding: .utf8)
        try #"{"id": "hn", "url": "file:samples/hn.json", "format": "hn", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("hn.feed.json"), atomically: true, encoding: .utf8)
        let run = try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("feed 'hn'") && run.stderr.contains("1970"), run.stderr)
    }
}

/// Issue 13.15 through the binary: `vigia check` reports a huge duration (exit 65, key and range named), and
/// `report --since 1e300` exits 65 naming the option and its range instead of a trap.
final class HugeSettingsTests: XCTestCase {
    func testCheckAndPollRefuseAHugeTimeout() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let url = vigia.feeds.appendingPathComponent("monitor.json")
        var settings = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var polling = settings["polling"] as? [String: Any] ?? [:]
        polling["timeout"] = "1e300"
        settings["polling"] = polling
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        for command in [["check"], ["poll"]] {
            let run = try vigia.run(command)
            XCTAssertEqual(run.status, 65, "\(command): \(run.stdout) \(run.stderr)")
            XCTAssertTrue((run.stdout + run.stderr).contains("polling.timeout") && (run.stdout + run.stderr).contains("1s to 1h"),
                          run.stdout + run.stderr)
        }
    }

    func testReportSinceOutOfRangeIsRefusedWithItsRange() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        for since in ["1e300", "99999999d"] {
            let run = try vigia.run(["report", "--since", since])
            XCTAssertEqual(run.status, 65, run.stderr)
            XCTAssertTrue(run.stderr.contains("--since") && run.stderr.contains("out of range"), run.stderr)
        }
        for since in ["soon", "7 days"] {
            XCTAssertEqual(try vigia.run(["report", "--since", since]).status, 64, "not a duration: a usage error")
        }
    }
}
