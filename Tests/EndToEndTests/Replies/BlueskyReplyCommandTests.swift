import XCTest

/// `vigia reply` on Bluesky, against the loopback PDS that writes records and chat messages as the lexicons say.
final class BlueskyReplyCommandTests: XCTestCase {
    static let identifier = "casaalba.bsky.social"
    static let password = "abcd-efgh-ijkl-mnop"

    private func workspace() throws -> ReplyWorkspace {
        let server = try NetworkServer(script: NetworkScripts.bluesky, arguments: [Self.identifier, Self.password, "5", "600"])
        let feed = #"{"id": "bsky", "source": "bluesky", "service": "\#(server.address)", "identifier": "\#(Self.identifier)", "#
            + #""app_password": "${BSKY_APP_PASSWORD}", "search": "casa alba", "interval": "1m"}"#
        let space = try SourceWorkspace(feeds: ["bsky": feed])
        return ReplyWorkspace(space: space, server: server, environment: ["BSKY_APP_PASSWORD": Self.password, "USER": "eva"])
    }

    /// One complaint polled in: its task id and the post's reference as recorded.
    private func complaint(_ work: ReplyWorkspace) throws -> (task: String, reference: [String: Any]) {
        try work.server.send(["add": 1])
        let poll = try work.space.poll(0, environment: work.environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let task = try XCTUnwrap(try work.tasks().first?["id"] as? String, "no task filed")
        return (task, try XCTUnwrap(work.space.mentions().first?["reference"] as? [String: Any]))
    }

    func testPreviewSendsNothingAndSendPostsOneReplyNamingRootAndParent() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, reference) = try complaint(work)

        // The demo's suggestions run past 300 graphemes (they carry the next step, the private request and the
        // hours): a Bluesky answer is written shorter.
        let words = ["--text", "lo sentimos, ya revisamos tu pedido"]
        let preview = try work.reply(["--json", task] + words)
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let shown = try preview.jsonObject()
        XCTAssertEqual(shown["channel"] as? String, "bluesky")
        XCTAssertEqual(shown["account"] as? String, "@\(Self.identifier)")
        XCTAssertEqual(shown["limit"] as? Int, 300)
        let text = try XCTUnwrap(shown["text"] as? String)
        XCTAssertEqual(shown["length"] as? Int, text.count, "graphemes")
        XCTAssertTrue(work.posts().isEmpty, "a preview posts nothing")

        let sent = try work.reply(["--json", task, "--send"] + words)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let answer = try sent.jsonObject()
        XCTAssertEqual(answer["status"] as? String, "sent")
        let posts = work.posts()
        XCTAssertEqual(posts.count, 1)
        let record = try XCTUnwrap(posts.first?["record"] as? [String: Any])
        XCTAssertEqual(record["text"] as? String, text, "the previewed text is what went out")
        let refs = try XCTUnwrap(record["reply"] as? [String: [String: String]])
        XCTAssertEqual(refs["parent"]?["uri"], reference["uri"] as? String)
        XCTAssertEqual(refs["parent"]?["cid"], reference["cid"] as? String)
        XCTAssertEqual(refs["root"]?["uri"], reference["rootURI"] as? String)
        XCTAssertEqual(refs["root"]?["cid"], reference["rootCID"] as? String)

        let replied = try XCTUnwrap(work.events("replied").first?["reply"] as? [String: Any])
        XCTAssertEqual(replied["post_id"] as? String, posts.first?["uri"] as? String)
        let url = try XCTUnwrap(replied["url"] as? String)
        XCTAssertTrue(url.hasPrefix("https://bsky.app/profile/\(Self.identifier)/post/"), url)
        let state = try XCTUnwrap(try work.tasks().first { $0["id"] as? String == task })
        XCTAssertEqual(state["state"] as? String, "acknowledged")
        XCTAssertEqual(state["reply_url"] as? String, url, "vigia alerts --json shows where the reply is")
        XCTAssertNotNil(state["replied_at"] as? String)

        XCTAssertEqual(try work.reply(["--json", task, "--send"] + words).jsonObject()["status"] as? String, "already_sent")
        XCTAssertEqual(work.posts().count, 1)

        // The report measures the first response from the reply and credits the person who sent it.
        let report = try work.vigia.run(["--now", work.space.time(2), "report", "--format", "json"], environment: work.environment)
        XCTAssertEqual(report.status, 0, report.stderr)
        let figures = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let people = try XCTUnwrap(figures["people"] as? [[String: Any]])
        XCTAssertEqual(people.first?["person"] as? String, "eva")
        XCTAssertEqual(people.first?["replies_sent"] as? Int, 1)
        XCTAssertEqual(people.first?["first_responses"] as? Int, 1)
        XCTAssertEqual(people.first?["outside_vigia"] as? Int, 0)
        let responses = try XCTUnwrap(figures["responses"] as? [[String: Any]])
        XCTAssertEqual(responses.map { $0["from_replies"] as? Int ?? 0 }.reduce(0, +), 1)
        XCTAssertEqual(responses.map { $0["from_acknowledgements"] as? Int ?? 0 }.reduce(0, +), 0)
    }

    func testTheSuggestedReplyIsWordedToFit300GraphemesAndGoesOut() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        let filed = try XCTUnwrap(try work.tasks().first?["suggested_reply"] as? String)
        XCTAssertGreaterThan(filed.count, 300, "the demo's full suggestion (next step, details asked, hours) is longer")
        let preview = try work.reply(["--json", task])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let text = try XCTUnwrap(try preview.jsonObject()["text"] as? String)
        XCTAssertLessThanOrEqual(text.count, 300, text)
        XCTAssertTrue(text.hasPrefix("Hola @cliente1.bsky.social") && text.hasSuffix("EQ"), "named and signed: \(text)")
        let sent = try work.reply([task, "--send"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertEqual((work.posts().first?["record"] as? [String: Any])?["text"] as? String, text, "the previewed text went out")
        XCTAssertEqual(work.events("replied").count, 1)
    }

    func testPrivateGoesByChatAndAClosedInboxGetsThePublicAskToWritePrivately() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, reference) = try complaint(work)
        let customer = try XCTUnwrap((reference["uri"] as? String)?.dropFirst(5).split(separator: "/").first.map(String.init))
        let sent = try work.reply([task, "--private", "--send", "--text", "¿nos das tu número de pedido?"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let message = try XCTUnwrap(work.posts().first)
        XCTAssertEqual(message["kind"] as? String, "message")
        XCTAssertEqual(Set(message["members"] as? [String] ?? []), ["did:plc:casaalba", customer])
        XCTAssertEqual((work.events("replied").first?["reply"] as? [String: Any])?["visibility"] as? String, "private")

        // A second complaint from a customer who accepts no messages from the shop.
        let other = try SourceWorkspace(feeds: ["bsky": try String(contentsOf: work.vigia.feeds.appendingPathComponent("bsky.feed.json"), encoding: .utf8)])
        let closedWork = ReplyWorkspace(space: other, server: work.server, environment: work.environment)
        defer { other.vigia.remove() }
        try work.server.send(["closed": customer])
        XCTAssertEqual(try other.poll(0, environment: work.environment).status, 0)
        let closedTask = try XCTUnwrap(try closedWork.tasks().first?["id"] as? String)
        let fallback = try closedWork.reply([closedTask, "--private", "--send", "--text", "tu pedido 4417 sale mañana"])
        XCTAssertEqual(fallback.status, 0, fallback.stderr)
        let posts = work.posts()
        XCTAssertEqual(posts.count, 2)
        let record = try XCTUnwrap(posts.last?["record"] as? [String: Any])
        let text = try XCTUnwrap(record["text"] as? String)
        XCTAssertTrue(text.contains("privado"), "asks them to write privately: \(text)")
        XCTAssertTrue(text.contains("@cliente1.bsky.social") && text.contains("EQ"), "named and signed: \(text)")
        XCTAssertFalse(text.contains("4417"), "the private text never goes out in public")
        let replied = try XCTUnwrap(closedWork.events("replied").first?["reply"] as? [String: Any])
        XCTAssertEqual(replied["visibility"] as? String, "public", "recorded as what went out")
        XCTAssertEqual(replied["text"] as? String, text, "the journal keeps the text that went out, not the private one")
        XCTAssertNotNil(replied["url"] as? String)
    }

    func testTooLongIsRefusedBeforeAnythingGoesOut() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        let words = String(repeating: "lo revisamos 👍🏽 ", count: 25)
        let refused = try work.reply([task, "--send", "--text", words])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bluesky takes at most 300"), refused.stderr)
        XCTAssertTrue(work.posts().isEmpty)
        XCTAssertTrue(work.events("reply_intent").isEmpty)
    }

    func testKilledAfterThePostTheRetryFindsItAndPostsNothing() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        let words = ["--text", "lo sentimos, ya revisamos tu pedido"]
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--send"] + words), .uncaughtSignal)
        XCTAssertEqual(work.posts().count, 1, "the record was made before the kill")
        XCTAssertTrue(work.events("replied").isEmpty)

        let retried = try work.reply(["--json", task, "--send"] + words, step: 2)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(try retried.jsonObject()["status"] as? String, "recovered", retried.stdout)
        XCTAssertEqual(work.posts().count, 1, "exactly one post on the server")
        XCTAssertEqual(work.events("replied").count, 1, "exactly one replied event")
        XCTAssertEqual((work.events("replied").first?["reply"] as? [String: Any])?["post_id"] as? String,
                       work.posts().first?["uri"] as? String)
    }

    func testKilledAfterAChatMessageRecoverFindsIt() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--private", "--send", "--text", "te escribimos"]), .uncaughtSignal)
        let recovered = try work.reply(["--recover"], step: 2)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        XCTAssertEqual(work.events("replied").count, 1)
        XCTAssertEqual((work.events("replied").first?["reply"] as? [String: Any])?["visibility"] as? String, "private")
        XCTAssertEqual(work.posts().count, 1)
    }
}
