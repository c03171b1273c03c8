import XCTest

/// `"source": "reddit"` against a loopback Reddit (token endpoint and OAuth API host) that behaves as its docs say.
final class RedditSourceTests: XCTestCase {
    static let secrets = ["REDDIT_CLIENT_ID": "cid-R3dd1t", "REDDIT_CLIENT_SECRET": "csecret-9Zk2", "REDDIT_PASSWORD": "hunter2-casa"]

    private func server(lifetime: Int = 3600, budget: Int = 1000) throws -> NetworkServer {
        try NetworkServer(script: NetworkScripts.reddit, arguments: [
            Self.secrets["REDDIT_CLIENT_ID"]!, Self.secrets["REDDIT_CLIENT_SECRET"]!, "casaalba_es", Self.secrets["REDDIT_PASSWORD"]!,
            "5", String(lifetime), String(budget),
        ])
    }

    private func feed(_ server: NetworkServer, user: Bool = true) -> String {
        let account = user ? #""username": "casaalba_es", "password": "${REDDIT_PASSWORD}", "# : ""
        return #"{"id": "reddit", "source": "reddit", "client_id": "${REDDIT_CLIENT_ID}", "client_secret": "${REDDIT_CLIENT_SECRET}", "#
            + account + #""user_agent": "linux:vigia:1.0 (by /u/casaalba_es)", "search": "casa alba", "subreddits": ["spain"], "#
            + #""auth_url": "\#(server.address)", "api_url": "\#(server.address)", "interval": "1m"}"#
    }

    func testEveryStreamArrivesOnceAndTheTokenIsKeptAndRenewed() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["reddit": feed(server)])
        defer { space.vigia.remove() }
        try server.send(["post": 2])
        try server.send(["comment": 2, "sub": "spain"])
        try server.send(["comment": 1, "sub": "spain", "brand": false])
        try server.send(["mention": 1])
        let first = try space.poll(0, environment: Self.secrets)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(space.recordedIDs().count, 5, "comments that do not name the brand are left out")

        try server.send(["post": 10])  // 2 × the page size
        try server.send(["comment": 10, "sub": "spain"])
        try server.send(["comment": 5, "sub": "spain", "brand": false])
        try server.send(["mention": 10])
        XCTAssertEqual(try space.poll(1, environment: Self.secrets).status, 0)
        XCTAssertEqual(server.requests(path: "/api/v1/access_token").count, 1, "the token is kept between runs")

        try server.send(["expire": "token"])
        try server.send(["post": 3])
        let renewed = try space.poll(2, environment: Self.secrets)
        XCTAssertEqual(renewed.status, 0, renewed.stderr)
        XCTAssertEqual(server.requests(path: "/api/v1/access_token").count, 2, "a 401 renews the token once")
        try server.send(["post": 1])
        XCTAssertEqual(try space.poll(61, environment: Self.secrets).status, 0)  // an hour on: renewed before it expires
        let tokens = server.requests(path: "/api/v1/access_token").count
        XCTAssertEqual(tokens, 3)
        XCTAssertEqual(server.requests().filter { $0["status"] as? Int == 401 }.count, 1, "no 401 for the renewal ahead of expiry")

        let ids = space.recordedIDs()
        XCTAssertEqual(ids.count, 5 + 30 + 3 + 1)
        XCTAssertEqual(Set(ids).count, ids.count, "a post recorded twice")
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("t1_") || $0.hasPrefix("t3_") }, "fullnames kept for replies")
        let session = try Data(contentsOf: space.vigia.alerts.appendingPathComponent("state/sessions/reddit.json"))
        let token = try XCTUnwrap((JSONSerialization.jsonObject(with: session) as? [String: Any])?["accessToken"] as? String)
        for (path, data) in space.alertFiles() {
            for secret in Self.secrets.values { XCTAssertNil(data.range(of: Data(secret.utf8)), "a secret is in alerts/\(path)") }
            if path != "state/sessions/reddit.json" { XCTAssertNil(data.range(of: Data(token.utf8)), "the token is in alerts/\(path)") }
        }
    }

    func testRejectedPasswordAndAppAreClearErrors() throws {
        let server = try server()
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["reddit": feed(server)])
        defer { space.vigia.remove() }
        var wrong = Self.secrets
        wrong["REDDIT_PASSWORD"] = "not-the-password"
        let poll = try space.poll(0, environment: wrong)
        XCTAssertEqual(poll.status, 1)
        XCTAssertTrue(poll.stderr.contains("Reddit: password grant rejected for u/casaalba_es (200 invalid_grant)"), poll.stderr)
        XCTAssertEqual(space.journal().split(separator: "\n").filter { $0.contains(#""kind":"filed""#) && $0.contains("source_health") }.count, 1)
        wrong = Self.secrets
        wrong["REDDIT_CLIENT_SECRET"] = "bad-secret-xyz"
        let check = try space.vigia.run(["--json", "check", "--fetch"], environment: wrong)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("client id/secret rejected (401)"), check.stdout)
        for text in [poll.stdout, poll.stderr, check.stdout, check.stderr] {
            XCTAssertFalse(text.contains("not-the-password") || text.contains("bad-secret-xyz") || text.contains("csecret-9Zk2"))
        }
    }

    func testAppOnlyTokenAndASpentBudget() throws {
        let server = try server(budget: 2)
        defer { server.stop() }
        let space = try SourceWorkspace(feeds: ["reddit": feed(server, user: false)])
        defer { space.vigia.remove() }
        try server.send(["post": 1])
        try server.send(["comment": 1, "sub": "spain"])
        let first = try space.poll(0, environment: Self.secrets)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(space.recordedIDs().count, 2)
        XCTAssertTrue(server.requests(path: "/message/mentions").isEmpty, "no mentions without a user token")
        try server.send(["post": 1])
        let waiting = try space.poll(1, environment: Self.secrets)
        XCTAssertEqual(try waiting.jsonObject()["polled"] as? Int, 0, "X-Ratelimit-Remaining 0.0: waits X-Ratelimit-Reset seconds")
        try server.send(["budget": 10])
        XCTAssertEqual(try space.poll(11, environment: Self.secrets).status, 0)
        XCTAssertEqual(Set(space.recordedIDs()).count, 3)
    }
}
