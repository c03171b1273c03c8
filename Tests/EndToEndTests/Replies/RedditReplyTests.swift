import XCTest

/// `vigia reply` on Reddit: comments through `/api/comment`, private messages through `/api/compose`.
final class RedditReplyTests: XCTestCase {
    static let secrets = ["REDDIT_CLIENT_ID": "cid-R3dd1t", "REDDIT_CLIENT_SECRET": "csecret-9Zk2", "REDDIT_PASSWORD": "hunter2-casa",
                          "USER": "leo"]

    private func workspace(user: Bool = true) throws -> ReplyWorkspace { try Self.workspace(user: user) }

    private func post(_ work: ReplyWorkspace, title: String? = nil) throws -> (task: String, fullname: String) {
        try Self.post(work, title: title)
    }

    static func workspace(user: Bool = true) throws -> ReplyWorkspace {
        let server = try NetworkServer(script: NetworkScripts.reddit, arguments: [
            Self.secrets["REDDIT_CLIENT_ID"]!, Self.secrets["REDDIT_CLIENT_SECRET"]!, "casaalba_es", Self.secrets["REDDIT_PASSWORD"]!,
            "25", "3600", "1000",
        ])
        let account = user ? #""username": "casaalba_es", "password": "${REDDIT_PASSWORD}", "# : ""
        let feed = #"{"id": "reddit", "source": "reddit", "client_id": "${REDDIT_CLIENT_ID}", "client_secret": "${REDDIT_CLIENT_SECRET}", "#
            + account + #""user_agent": "linux:vigia:1.0 (by /u/casaalba_es)", "search": "casa alba", "mentions": false, "#
            + #""auth_url": "\#(server.address)", "api_url": "\#(server.address)", "interval": "1m"}"#
        return ReplyWorkspace(space: try SourceWorkspace(feeds: ["reddit": feed]), server: server, environment: Self.secrets)
    }

    /// One post polled in (the server's billing complaint, or `title`): its task id and fullname.
    static func post(_ work: ReplyWorkspace, title: String? = nil) throws -> (task: String, fullname: String) {
        try work.server.send(title.map { ["post_text": $0] } ?? ["post": 1])
        let poll = try work.space.poll(0, environment: work.environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let task = try XCTUnwrap(try work.tasks().first?["id"] as? String, "no task filed")
        return (task, try XCTUnwrap(work.space.recordedIDs().first))
    }

    func testACommentGoesOutOnceUnderThePost() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, fullname) = try post(work)
        let preview = try work.reply(["--json", task])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let shown = try preview.jsonObject()
        XCTAssertEqual(shown["account"] as? String, "u/casaalba_es")
        XCTAssertEqual(shown["limit"] as? Int, 10_000)
        XCTAssertTrue((shown["text"] as? String)?.contains("u/redditor1") == true, "named as Reddit names people: \(shown)")
        XCTAssertEqual(work.posts().count, 0, "a preview posts nothing")

        let sent = try work.reply(["--json", task, "--send", "--by", "marta"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let answer = try sent.jsonObject()
        let posts = work.posts()
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts.first?["kind"] as? String, "comment")
        XCTAssertEqual(posts.first?["thing_id"] as? String, fullname)
        XCTAssertEqual(posts.first?["text"] as? String, shown["text"] as? String)
        let replied = try XCTUnwrap(work.events("replied").first)
        XCTAssertEqual(replied["by"] as? String, "marta")
        let record = try XCTUnwrap(replied["reply"] as? [String: Any])
        XCTAssertEqual(record["post_id"] as? String, posts.first?["id"] as? String)
        XCTAssertTrue((record["url"] as? String)?.hasPrefix("https://www.reddit.com/r/spain/comments/") == true, "\(record)")
        XCTAssertEqual(answer["reply_url"] as? String, record["url"] as? String)
        XCTAssertEqual(try work.tasks().first?["state"] as? String, "acknowledged")
        XCTAssertEqual(try work.reply([task, "--send"]).status, 0)
        XCTAssertEqual(work.posts().count, 1, "never twice")
    }

    func testAPostWithPrivateDataGetsThePrivateMessageByDefault() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try post(work, title: "Casa Alba no me devuelve el dinero, llamadme al 612 345 678")
        let preview = try work.reply(["--json", task])
        let shown = try preview.jsonObject()
        XCTAssertEqual(shown["visibility"] as? String, "private", preview.stdout)
        XCTAssertTrue((shown["private_because"] as? String)?.contains("phone") == true, preview.stdout)
        let sent = try work.reply([task, "--send"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let message = try XCTUnwrap(work.posts().first)
        XCTAssertEqual(message["kind"] as? String, "message")
        XCTAssertEqual(message["to"] as? String, "redditor1")
        XCTAssertFalse((message["subject"] as? String ?? "").isEmpty)
        let record = try XCTUnwrap(work.events("replied").first?["reply"] as? [String: Any])
        XCTAssertEqual(record["visibility"] as? String, "private")
        XCTAssertEqual(record["post_id"] as? String, message["id"] as? String, "the message's id is read from the sent box")
    }

    func testTooLongAndRefusedWritesSendNothing() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try post(work)
        let long = String(repeating: "revisamos tu cobro ", count: 600)
        let refused = try work.reply([task, "--text", long, "--send"])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("reddit takes at most 10000"), refused.stderr)
        try work.server.send(["ratelimit_posts": 1])
        let limited = try work.reply([task, "--send"])
        XCTAssertEqual(limited.status, 69, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("RATELIMIT"), limited.stderr)
        try work.server.send(["fail_posts": 1])
        let outage = try work.reply([task, "--send"])
        XCTAssertEqual(outage.status, 69, outage.stderr)
        XCTAssertTrue(outage.stderr.contains("503"), outage.stderr)
        XCTAssertEqual(work.posts().count, 0)
        XCTAssertTrue(work.events("replied").isEmpty)
        XCTAssertEqual(try work.reply([task, "--send"]).status, 0)
        XCTAssertEqual(work.posts().count, 1)
    }

    func testKilledAfterTheCommentTheRetryFindsItInTheAccountsComments() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try post(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--send"]), .uncaughtSignal)
        XCTAssertEqual(work.posts().count, 1)
        XCTAssertTrue(work.events("replied").isEmpty)
        let retried = try work.reply(["--json", task, "--send"], step: 2)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(try retried.jsonObject()["status"] as? String, "recovered")
        XCTAssertEqual(work.posts().count, 1, "exactly one comment on the server")
        XCTAssertEqual(work.events("replied").count, 1, "exactly one replied event")
    }

    func testKilledAfterTheMessageRecoverFindsItInTheSentBox() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try post(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--private", "--send"]), .uncaughtSignal)
        let recovered = try work.reply(["--recover"], step: 2)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        XCTAssertEqual(work.posts().count, 1)
        let record = try XCTUnwrap(work.events("replied").first?["reply"] as? [String: Any])
        XCTAssertEqual(record["post_id"] as? String, work.posts().first?["id"] as? String)
        XCTAssertEqual(record["visibility"] as? String, "private")
    }

    func testAnAppOnlyTokenCannotReplyAndSaysWhy() throws {
        let work = try workspace(user: false)
        defer { work.remove() }
        let (task, _) = try post(work)
        let refused = try work.reply([task, "--send"])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("username and password"), refused.stderr)
        XCTAssertTrue(work.events("reply_intent").isEmpty, "refused before anything was journaled")
        for secret in Self.secrets.values where secret.count > 4 {
            XCTAssertFalse(refused.stderr.contains(secret))
        }
    }
}
