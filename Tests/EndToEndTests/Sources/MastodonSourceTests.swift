import XCTest

/// `"source": "mastodon"` against a loopback server that pages, signs and limits as Mastodon's docs say.
final class MastodonSourceTests: XCTestCase {
    static let token = "masto-tok-7Q2x9Lw0"

    private func feed(_ server: NetworkServer, mentions: Bool = true, extra: String = "") -> String {
        ##"{"id": "masto", "source": "mastodon", "instance": "\##(server.address)", "token": "${MASTODON_TOKEN}", "##
            + ##""hashtags": ["#CasaAlba"], "mentions": \##(mentions), "interval": "1m"\##(extra)}"##
    }

    func testMoreThanAPageBetweenPollsArrivesOnceAcrossPollsWithAPageCap() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read", "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server, extra: #", "max_pages": 2"#)])
        defer { space.vigia.remove() }
        let environment = ["MASTODON_TOKEN": Self.token]

        try server.send(["add": 3, "tag": "CasaAlba"])
        try server.send(["mention": 2])
        let first = try space.poll(0, environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(space.recordedIDs().count, 5, "the newest page of each stream starts the listening")

        // Two pages (2 × the server's page size of 5) of each stream arrive between two polls, then 12 more.
        try server.send(["add": 10, "tag": "CasaAlba"])
        try server.send(["mention": 10])
        XCTAssertEqual(try space.poll(1, environment: environment).status, 0)
        XCTAssertEqual(space.recordedIDs().count, 25, "both pages of both streams in one poll")
        try server.send(["add": 12, "tag": "CasaAlba"])
        let capped = try space.poll(2, environment: environment)
        XCTAssertEqual(try capped.jsonObject()["new_mentions"] as? Int, 10, "the page cap (2) stops this poll: \(capped.stdout)")
        let resumed = try space.poll(3, environment: environment)
        XCTAssertEqual(try resumed.jsonObject()["new_mentions"] as? Int, 2, "the cursor resumes where the cap stopped")
        XCTAssertEqual(try space.poll(4, environment: environment).jsonObject()["new_mentions"] as? Int, 0)

        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 37)
        XCTAssertEqual(Set(ids).count, ids.count, "a post recorded twice")
        let tagPages = server.requests(path: "/api/v1/timelines/tag/CasaAlba")
        XCTAssertNil((tagPages.first?["query"] as? [String: String])?["min_id"], "the first poll asks for the newest page")
        XCTAssertTrue(tagPages.dropFirst().allSatisfy { ($0["query"] as? [String: String])?["min_id"] != nil },
                      "every later page is asked for with min_id (gap-free), never since_id")
        XCTAssertTrue(server.requests(path: "/api/v1/notifications").allSatisfy { ($0["query"] as? [String: String])?["types[]"] == "mention" })

        // What a reply needs: the status id and URI, the handle, the name, the permalink, the reach.
        let mention = try XCTUnwrap(space.mentions().last)
        let reference = try XCTUnwrap(mention["reference"] as? [String: Any])
        XCTAssertNotNil(reference["uri"] as? String)
        let author = try XCTUnwrap(mention["author"] as? [String: Any])
        XCTAssertNotNil(author["handle"] as? String)
        XCTAssertNotNil(author["name"] as? String)
        XCTAssertNotNil(author["reach"] as? Int)
        XCTAssertTrue((mention["url"] as? String)?.hasPrefix("https://social.example/@") == true)
        for (path, data) in space.alertFiles() {
            XCTAssertNil(data.range(of: Data(Self.token.utf8)), "the token is in alerts/\(path)")
        }
    }

    func testRejectedTokenIsAClearErrorAndASourceHealthTask() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read", "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server)])
        defer { space.vigia.remove() }
        let wrong = "wrong-masto-token-55"
        let poll = try space.poll(0, environment: ["MASTODON_TOKEN": wrong])
        XCTAssertEqual(poll.status, 1, poll.stderr)
        XCTAssertTrue(poll.stderr.contains("Mastodon: access token rejected by 127.0.0.1 (401 The access token is invalid)"), poll.stderr)
        XCTAssertFalse(poll.stderr.contains(wrong) || poll.stdout.contains(wrong))
        let health = space.journal().split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }
        XCTAssertEqual(health.count, 1, "a rejected credential is a task at once, not after five failures: \(space.journal())")
        _ = try space.poll(10, environment: ["MASTODON_TOKEN": wrong])
        XCTAssertEqual(space.journal().split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }.count, 1)
        for (path, data) in space.alertFiles() { XCTAssertNil(data.range(of: Data(wrong.utf8)), "the token is in alerts/\(path)") }

        let check = try space.vigia.run(["--json", "check", "--fetch"], environment: ["MASTODON_TOKEN": wrong])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("401"), check.stdout)
        XCTAssertFalse(check.stdout.contains(wrong))
    }

    func testMissingScopeIsNamed() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read:statuses", "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server)])
        defer { space.vigia.remove() }
        let check = try space.vigia.run(["--json", "check", "--fetch"], environment: ["MASTODON_TOKEN": Self.token])
        XCTAssertEqual(check.status, 1, check.stdout)
        XCTAssertTrue(check.stdout.contains("read:notifications"), check.stdout)
    }

    func testASpentBudgetWaitsUntilItsResetAndLosesNothing() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read", "5", "4"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server, mentions: false)])
        defer { space.vigia.remove() }
        let environment = ["MASTODON_TOKEN": Self.token]
        try server.send(["add": 2, "tag": "CasaAlba"])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["add": 20, "tag": "CasaAlba"])
        let spent = try space.poll(1, environment: environment)  // budget 4: 1 used, 3 pages now, then Remaining 0
        XCTAssertEqual(try spent.jsonObject()["new_mentions"] as? Int, 15, spent.stderr)
        let early = try space.poll(2, environment: environment)
        XCTAssertEqual(try early.jsonObject()["polled"] as? Int, 0, "the source waits for X-RateLimit-Reset: \(early.stdout)")
        let check = try space.vigia.run(["--json", "--now", space.time(2), "check"], environment: environment)
        let line = try XCTUnwrap(try check.jsonLines().first { $0["id"] as? String == "masto" })
        XCTAssertEqual(line["status"] as? String, "waiting", check.stdout)
        XCTAssertTrue((line["error"] as? String)?.contains("rate limit") == true, check.stdout)

        // After the reset (the server's five-minute window, which runs on its real clock: told here) the rest
        // arrives, once.
        try server.send(["budget": 4])
        let after = try space.poll(6, environment: environment)
        XCTAssertEqual(try after.jsonObject()["new_mentions"] as? Int, 5, after.stderr)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 22)
        XCTAssertEqual(Set(ids).count, 22)
    }

    func testA429AndAnOutageLoseNothing() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read", "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server)])
        defer { space.vigia.remove() }
        let environment = ["MASTODON_TOKEN": Self.token]
        try server.send(["add": 1, "tag": "CasaAlba"])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["add": 8, "tag": "CasaAlba"])
        try server.send(["mention": 3])
        try server.send(["budget": 0])
        let limited = try space.poll(1, environment: environment)
        XCTAssertTrue(limited.stderr.contains("429"), limited.stderr)
        try server.send(["budget": 1000])
        try server.send(["fail": 1])
        let outage = try space.poll(7, environment: environment)
        XCTAssertEqual(outage.status, 1, outage.stderr)
        XCTAssertTrue(outage.stderr.contains("503"), outage.stderr)
        _ = try space.poll(30, environment: environment)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 12, "\(ids)")
        XCTAssertEqual(Set(ids).count, ids.count)
    }

    func testAPollKilledMidwayLosesNothingAndRepeatsNothing() throws {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [Self.token, "read", "5", "1000"])
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["masto": feed(server)])
        defer { space.vigia.remove() }
        let environment = ["MASTODON_TOKEN": Self.token]
        try server.send(["add": 2, "tag": "CasaAlba"])
        try server.send(["mention": 1])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["add": 10, "tag": "CasaAlba"])
        try server.send(["mention": 4])
        try server.send(["stall": "/api/v1/notifications", "seconds": 60])  // the tag pages came, the mentions hang
        let killed = try space.pollKilledOnStall(1, environment: environment, server: server)
        XCTAssertEqual(killed.reason, .uncaughtSignal, killed.stderr)
        let after = try space.poll(2, environment: environment)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(try after.jsonObject()["new_mentions"] as? Int, 14, after.stdout)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 17)
        XCTAssertEqual(Set(ids).count, 17)
    }
}
