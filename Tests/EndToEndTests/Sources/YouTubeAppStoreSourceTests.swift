import XCTest

/// `"source": "youtube"` and `"source": "appstore"` against loopback servers built from their docs.
final class YouTubeAppStoreSourceTests: XCTestCase {
    static let key = "AIzaSyTest-Key-0042"
    static let channel = "UCcasaalba000000000000xx"

    private func youtubeFeed(_ server: NetworkServer, extra: String = "") -> String {
        #"{"id": "yt", "source": "youtube", "api_key": "${YOUTUBE_API_KEY}", "channel_id": "\#(Self.channel)", "#
            + #""api_url": "\#(server.address)/youtube/v3", "interval": "1m"\#(extra)}"#
    }

    func testYouTubeCommentsArriveOnceAndTheQuotaIsCounted() throws {
        let server = try NetworkServer(script: NetworkScripts.youtube, arguments: [Self.key, Self.channel, "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["yt": youtubeFeed(server, extra: #", "daily_quota": 6"#)])
        defer { space.vigia.remove() }
        let environment = ["YOUTUBE_API_KEY": Self.key]
        try server.send(["comment": 3])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["comment": 10])  // 2 × the page size
        XCTAssertEqual(try space.poll(1, environment: environment).jsonObject()["new_mentions"] as? Int, 10)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 13)
        XCTAssertEqual(Set(ids).count, 13)
        let mention = try XCTUnwrap(space.mentions().last)
        XCTAssertTrue((mention["url"] as? String)?.contains("&lc=") == true, "\(mention)")
        XCTAssertNotNil((mention["author"] as? [String: Any])?["name"] as? String)

        // 1 + 3 units used; 12 new comments need 3 pages: the sixth unit is the last of the day.
        try server.send(["comment": 12])
        let spent = try space.poll(2, environment: environment)
        XCTAssertTrue(spent.stderr.contains("quota"), spent.stderr)
        let check = try space.vigia.run(["--json", "--now", space.time(3), "check"], environment: environment)
        XCTAssertEqual(try check.jsonLines().first?["status"] as? String, "waiting", check.stdout)
        XCTAssertEqual(server.requests(path: "/youtube/v3/commentThreads").count, 6, "the counted quota stops the requests")
        for (path, data) in space.alertFiles() { XCTAssertNil(data.range(of: Data(Self.key.utf8)), "the key is in alerts/\(path)") }
    }

    func testYouTubeRejectedKeyAndSpentServerQuota() throws {
        let server = try NetworkServer(script: NetworkScripts.youtube, arguments: [Self.key, Self.channel, "5", "1"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["yt": youtubeFeed(server)], start: Self.clearOfPacificMidnight(Date()))
        defer { space.vigia.remove() }
        let wrong = try space.poll(0, environment: ["YOUTUBE_API_KEY": "AIzaWrongKey-77"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("YouTube: API key rejected (400 badRequest)"), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("AIzaWrongKey-77"), wrong.stderr)
        XCTAssertEqual(try space.poll(20, environment: ["YOUTUBE_API_KEY": Self.key]).status, 0)  // the day's one unit
        let spent = try space.poll(40, environment: ["YOUTUBE_API_KEY": Self.key])
        XCTAssertTrue(spent.stderr.contains("403 quotaExceeded"), spent.stderr)
        XCTAssertEqual(try space.poll(50, environment: ["YOUTUBE_API_KEY": Self.key]).jsonObject()["polled"] as? Int, 0,
                       "waits for the quota's reset at midnight Pacific time")
    }

    /// `date`, or three hours before it when the next hour crosses midnight Pacific time: the 50 minutes of polls
    /// above must not see the quota reset (run at 23:20 PST they did, and the last poll polled).
    static func clearOfPacificMidnight(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        return calendar.component(.hour, from: date) >= 23 ? date.addingTimeInterval(-3 * 3600) : date
    }

    func testAppStoreReviewsArriveOnceWithTheirRating() throws {
        let server = try NetworkServer(script: NetworkScripts.appstore, arguments: ["1234567890", "5"])
        defer { server.stop() }
        let feed = #"{"id": "app-ios", "source": "appstore", "app_id": "1234567890", "country": "es", "api_url": "\#(server.address)", "interval": "1m"}"#
        let space = try SourceWorkspace(feeds: ["app-ios": feed])
        defer { space.vigia.remove() }
        try server.send(["review": 1, "rating": 2])  // one review: `entry` is an object, not a list
        XCTAssertEqual(try space.poll(0, environment: [:]).status, 0)
        XCTAssertEqual(space.recordedIDs().count, 1)
        try server.send(["review": 10, "rating": 1])
        let second = try space.poll(1, environment: [:])
        XCTAssertEqual(try second.jsonObject()["new_mentions"] as? Int, 10, second.stderr)
        XCTAssertEqual(try space.poll(2, environment: [:]).jsonObject()["new_mentions"] as? Int, 0)
        let ids = space.recordedIDs()
        XCTAssertEqual(Set(ids).count, 11)
        XCTAssertEqual(ids.count, 11)
        let ratings = space.mentions().compactMap { ($0["reference"] as? [String: Any])?["rating"] as? Int }
        XCTAssertEqual(ratings.sorted(), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2])
        XCTAssertTrue(server.requests().allSatisfy { ($0["path"] as? String)?.hasPrefix("/es/rss/customerreviews/page=") == true })
    }
}
