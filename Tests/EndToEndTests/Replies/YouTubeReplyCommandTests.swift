import XCTest

/// `vigia reply` on YouTube, against the loopback Data API (`comments.insert` with OAuth, `comments.list`).
final class YouTubeReplyCommandTests: XCTestCase {
    static let key = "AIzaSyTest-Key-0042"
    static let channel = "UCcasaalba000000000000xx"
    static let client = "1234-test.apps.googleusercontent.com"
    static let secret = "GOCSPX-test-secret"
    static let refresh = "1//0test-refresh-token"

    private func workspace(units: Int = 1000) throws -> ReplyWorkspace {
        let server = try NetworkServer(
            script: NetworkScripts.youtube,
            arguments: [Self.key, Self.channel, "5", String(units), Self.client, Self.secret, Self.refresh])
        let feed = #"{"id": "yt", "source": "youtube", "api_key": "${YOUTUBE_API_KEY}", "channel_id": "\#(Self.channel)", "#
            + #""api_url": "\#(server.address)/youtube/v3", "interval": "1m", "client_id": "${YT_CLIENT_ID}", "#
            + #""client_secret": "${YT_CLIENT_SECRET}", "refresh_token": "${YT_REFRESH_TOKEN}", "token_url": "\#(server.address)/token"}"#
        let space = try SourceWorkspace(feeds: ["yt": feed])
        return ReplyWorkspace(space: space, server: server, environment: [
            "YOUTUBE_API_KEY": Self.key, "YT_CLIENT_ID": Self.client, "YT_CLIENT_SECRET": Self.secret,
            "YT_REFRESH_TOKEN": Self.refresh, "USER": "eva",
        ])
    }

    private func complaint(_ work: ReplyWorkspace) throws -> (task: String, thread: String) {
        try work.server.send(["comment": 1])
        let poll = try work.space.poll(0, environment: work.environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let task = try XCTUnwrap(try work.tasks().first?["id"] as? String, "no task filed")
        let reference = try XCTUnwrap(work.space.mentions().first?["reference"] as? [String: Any])
        return (task, try XCTUnwrap(reference["uri"] as? String))
    }

    func testSendPostsOneReplyUnderTheThreadAndRecordsItsAddress() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, thread) = try complaint(work)
        let preview = try work.reply(["--json", task])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let shown = try preview.jsonObject()
        XCTAssertEqual(shown["account"] as? String, "@casaalba", "the OAuth token's channel")
        XCTAssertEqual(shown["limit"] as? Int, 10_000)
        XCTAssertTrue(work.posts().isEmpty)

        let sent = try work.reply(["--json", task, "--send"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let posts = work.posts()
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts.first?["parentId"] as? String, thread)
        XCTAssertEqual(posts.first?["text"] as? String, shown["text"] as? String)
        let replied = try XCTUnwrap(work.events("replied").first?["reply"] as? [String: Any])
        XCTAssertEqual(replied["post_id"] as? String, posts.first?["id"] as? String)
        let url = try XCTUnwrap(replied["url"] as? String)
        XCTAssertTrue(url.hasPrefix("https://www.youtube.com/watch?v=") && url.hasSuffix("&lc=\(posts.first?["id"] as? String ?? "?")"), url)
        let state = try XCTUnwrap(try work.tasks().first { $0["id"] as? String == task })
        XCTAssertEqual(state["reply_url"] as? String, url)
        XCTAssertEqual(state["state"] as? String, "acknowledged")
        for (path, data) in work.space.alertFiles() where !path.hasPrefix("state/sessions/") {
            for secret in [Self.refresh, Self.secret, Self.key] { XCTAssertNil(data.range(of: Data(secret.utf8)), "alerts/\(path)") }
        }
    }

    func testNoPrivateMessagesTooLongAndQuotaSendNothing() throws {
        let work = try workspace(units: 60)
        defer { work.remove() }
        let (task, _) = try complaint(work)
        let privately = try work.reply([task, "--private", "--send"])
        XCTAssertEqual(privately.status, 64, privately.stderr)
        XCTAssertTrue(privately.stderr.contains("no private messages"), privately.stderr)
        let long = try work.reply([task, "--send", "--text", String(repeating: "lo sentimos ", count: 900)])
        XCTAssertEqual(long.status, 65, long.stderr)
        XCTAssertTrue(long.stderr.contains("youtube takes at most 10000"), long.stderr)
        try work.server.send(["spend": 20])
        let spent = try work.reply([task, "--send"])
        XCTAssertEqual(spent.status, 69, spent.stderr)
        XCTAssertTrue(spent.stderr.contains("quota"), spent.stderr)
        XCTAssertTrue(work.posts().isEmpty)
        XCTAssertTrue(work.events("replied").isEmpty)
    }

    func testKilledAfterTheReplyTheRetryFindsItAndPostsNothing() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--send"]), .uncaughtSignal)
        XCTAssertEqual(work.posts().count, 1)
        let retried = try work.reply(["--json", task, "--send"], step: 2)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(try retried.jsonObject()["status"] as? String, "recovered", retried.stdout)
        XCTAssertEqual(work.posts().count, 1, "exactly one reply on the server")
        XCTAssertEqual(work.events("replied").count, 1)
    }
}
