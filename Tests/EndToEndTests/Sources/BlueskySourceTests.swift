import XCTest

/// `"source": "bluesky"` against a loopback PDS that signs in, expires, refreshes, pages and limits as the
/// atproto lexicons say.
final class BlueskySourceTests: XCTestCase {
    static let password = "abcd-efgh-ijkl-mnop"
    static let identifier = "casaalba.bsky.social"
    let environment = ["BSKY_APP_PASSWORD": BlueskySourceTests.password]

    private func server(lifetime: Int = 150) throws -> NetworkServer {
        try NetworkServer(script: NetworkScripts.bluesky, arguments: [Self.identifier, Self.password, "5", String(lifetime)])
    }

    private func feed(_ server: NetworkServer) -> String {
        #"{"id": "bsky", "source": "bluesky", "service": "\#(server.address)", "identifier": "\#(Self.identifier)", "#
            + #""app_password": "${BSKY_APP_PASSWORD}", "search": "casa alba", "mentions": true, "interval": "1m"}"#
    }

    private func calls(_ server: NetworkServer, _ method: String) -> [[String: Any]] { server.requests(path: "/xrpc/\(method)") }

    func testFivePollsSignInOnceRefreshAndRecordEveryPostOnce() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["bsky": feed(server)])
        defer { space.vigia.remove() }
        try server.send(["add": 3])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        for step in 1...4 {
            try server.send(["add": 10])  // two pages of the server's five
            try server.send(["notify": 2, "reason": step % 2 == 0 ? "mention" : "reply"])
            try server.send(["notify": 1, "reason": "like"])  // not a mention: left out
            if step == 3 { try server.send(["expire": "access"]) }  // the server says so before our clock does
            let poll = try space.poll(step, environment: environment)
            XCTAssertEqual(poll.status, 0, poll.stderr)
        }
        XCTAssertEqual(calls(server, "com.atproto.server.createSession").count, 1, "signed in once, reused after")
        let refreshes = calls(server, "com.atproto.server.refreshSession")
        XCTAssertGreaterThanOrEqual(refreshes.count, 2, "refreshed when the access token expired (by its lifetime and on ExpiredToken)")
        XCTAssertTrue(calls(server, "app.bsky.feed.searchPosts").contains { $0["status"] as? Int == 400 }, "an ExpiredToken answer was met")
        XCTAssertTrue(calls(server, "app.bsky.feed.searchPosts").allSatisfy { ($0["query"] as? [String: String])?["sort"] == "latest" })

        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 43 + 8, "every post and mention/reply notification: \(ids.count)")
        XCTAssertEqual(Set(ids).count, ids.count, "a post recorded twice")
        let reply = try XCTUnwrap(space.mentions().first { (($0["reference"] as? [String: Any])?["rootURI"] as? String) != (($0["reference"] as? [String: Any])?["uri"] as? String) })
        let reference = try XCTUnwrap(reply["reference"] as? [String: Any])
        XCTAssertNotNil(reference["cid"] as? String)
        XCTAssertNotNil(reference["rootCID"] as? String)
        XCTAssertTrue((reply["url"] as? String)?.hasPrefix("https://bsky.app/profile/") == true)

        try assertTokensOnlyInSessionFile(space)
    }

    private func assertTokensOnlyInSessionFile(_ space: SourceWorkspace, file: StaticString = #filePath, line: UInt = #line) throws {
        let sessionURL = space.vigia.alerts.appendingPathComponent("state/sessions/bsky.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: sessionURL.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, file: file, line: line)
        let session = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: sessionURL)) as? [String: Any])
        let secrets = [Self.password, "eyJhbGci"] + ["accessJwt", "refreshJwt"].compactMap { session[$0] as? String }
        XCTAssertEqual(secrets.count, 4, file: file, line: line)
        for (path, data) in space.alertFiles() where path != "state/sessions/bsky.json" {
            for secret in secrets {
                XCTAssertNil(data.range(of: Data(secret.utf8)), "a secret is in alerts/\(path)", file: file, line: line)
            }
        }
        XCTAssertNil(try Data(contentsOf: sessionURL).range(of: Data(Self.password.utf8)), "the app password is never stored", file: file, line: line)
    }

    func testRejectedAppPasswordIsAClearErrorAndASourceHealthTask() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["bsky": feed(server)])
        defer { space.vigia.remove() }
        let wrong = "zzzz-yyyy-xxxx-wwww"
        let poll = try space.poll(0, environment: ["BSKY_APP_PASSWORD": wrong])
        XCTAssertEqual(poll.status, 1)
        XCTAssertTrue(poll.stderr.contains("Bluesky: app password rejected for casaalba.bsky.social (401 AuthenticationRequired)"), poll.stderr)
        XCTAssertFalse((poll.stdout + poll.stderr).contains(wrong))
        XCTAssertEqual(space.journal().split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }.count, 1)
        for (path, data) in space.alertFiles() { XCTAssertNil(data.range(of: Data(wrong.utf8)), "alerts/\(path)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.vigia.alerts.appendingPathComponent("state/sessions/bsky.json").path))
    }

    func testARefusedRefreshSignsInAgainAndCheckFetchSignsIn() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["bsky": feed(server)])
        defer { space.vigia.remove() }
        try server.send(["add": 2])
        let check = try space.vigia.run(["--json", "check", "--fetch"], environment: environment)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let line = try XCTUnwrap(check.jsonLines().first)
        XCTAssertEqual(line["format"] as? String, "bluesky")
        XCTAssertEqual(line["items"] as? Int, 2)
        XCTAssertEqual(calls(server, "com.atproto.server.createSession").count, 1)
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        XCTAssertEqual(calls(server, "com.atproto.server.createSession").count, 1, "the check's session is reused")
        try server.send(["expire": "access"])
        try server.send(["revoke": "refresh"])
        try server.send(["add": 1])
        let poll = try space.poll(1, environment: environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        XCTAssertEqual(calls(server, "com.atproto.server.refreshSession").count, 1)
        XCTAssertEqual(calls(server, "com.atproto.server.createSession").count, 2, "a new session only because the refresh failed")
        XCTAssertEqual(Set(space.recordedIDs()).count, 3)
        try assertTokensOnlyInSessionFile(space)
    }

    func testAPollKilledMidwayLosesNothingRepeatsNothingAndTheStoredSessionStillWorks() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["bsky": feed(server)])
        defer { space.vigia.remove() }
        try server.send(["add": 4])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["add": 12])
        try server.send(["expire": "access"])  // this poll refreshes (spending the refresh token) before it is killed
        try server.send(["stall": "cursor=5", "seconds": 60])  // the second page never comes

        let killed = try space.pollKilledOnStall(1, environment: environment, server: server)
        XCTAssertEqual(killed.reason, .uncaughtSignal, killed.stderr)
        XCTAssertEqual(calls(server, "com.atproto.server.refreshSession").count, 1)

        let after = try space.poll(2, environment: environment)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(calls(server, "com.atproto.server.createSession").count, 1, "the refreshed session was kept before the kill")
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 16)
        XCTAssertEqual(Set(ids).count, 16)
        try assertTokensOnlyInSessionFile(space)
    }

    func testASpentRateLimitBudgetWaitsForItsResetAndLosesNothing() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["bsky": feed(server)])
        defer { space.vigia.remove() }
        try server.send(["add": 2])
        XCTAssertEqual(try space.poll(0, environment: environment).status, 0)
        try server.send(["add": 20])
        try server.send(["budget": 2])  // RateLimit-Remaining reaches 0 on the second page
        let spent = try space.poll(1, environment: environment)
        XCTAssertEqual(try spent.jsonObject()["new_mentions"] as? Int, 10, spent.stderr)
        XCTAssertEqual(try space.poll(2, environment: environment).jsonObject()["polled"] as? Int, 0, "waits for RateLimit-Reset")
        let check = try space.vigia.run(["--json", "--now", space.time(2), "check"], environment: environment)
        XCTAssertEqual(try check.jsonLines().first?["status"] as? String, "waiting", check.stdout)
        try server.send(["budget": 100])  // the window's reset, on the server's real clock
        XCTAssertEqual(try space.poll(6, environment: environment).status, 0)
        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 22)
        XCTAssertEqual(Set(ids).count, 22)
    }
}
