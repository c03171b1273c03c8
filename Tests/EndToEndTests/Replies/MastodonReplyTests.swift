import XCTest

/// `vigia reply` on Mastodon, against the loopback server that writes as Mastodon's docs say.
final class MastodonReplyTests: XCTestCase {
    static let token = "masto-write-9Fq2"

    private func workspace(scopes: String = "read,write") throws -> ReplyWorkspace {
        try ReplyWorkspace.mastodon(token: Self.token, scopes: scopes)
    }

    /// One complaint polled in: its task id and the status id it answers.
    private func complaint(_ work: ReplyWorkspace) throws -> (task: String, status: String) {
        try work.mastodonComplaint()
    }

    func testPreviewSendsNothingAndSendPostsOnceAndAcknowledges() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, status) = try complaint(work)

        let preview = try work.reply(["--json", task])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        let shown = try preview.jsonObject()
        XCTAssertEqual(shown["channel"] as? String, "mastodon")
        XCTAssertEqual(shown["account"] as? String, "@casaalba@127.0.0.1")
        XCTAssertEqual(shown["limit"] as? Int, 500)
        XCTAssertEqual(shown["visibility"] as? String, "public")
        XCTAssertEqual(shown["sent"] as? Bool, false)
        let text = try XCTUnwrap(shown["text"] as? String)
        XCTAssertEqual(shown["length"] as? Int, text.count, "graphemes, as Mastodon counts (no links here)")
        XCTAssertTrue(text.contains("@cliente1"), "the reply names the customer: \(text)")
        XCTAssertTrue(text.contains("EQ"), "the reply is signed: \(text)")
        XCTAssertEqual((shown["post"] as? [String: Any])?["id"] as? String, status)
        XCTAssertEqual(work.posts().count, 0, "a preview posts nothing")
        XCTAssertTrue(work.events("reply_intent").isEmpty && work.events("replied").isEmpty)
        XCTAssertTrue(work.server.requests().allSatisfy { $0["method"] as? String == "GET" }, "a preview only reads")

        let sent = try work.reply(["--json", task, "--send"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let answer = try sent.jsonObject()
        XCTAssertEqual(answer["status"] as? String, "sent")
        let posts = work.posts()
        XCTAssertEqual(posts.count, 1)
        XCTAssertEqual(posts.first?["in_reply_to_id"] as? String, status)
        XCTAssertEqual(posts.first?["visibility"] as? String, "public")
        XCTAssertEqual(posts.first?["text"] as? String, text, "the previewed text is what went out")
        let key = try XCTUnwrap(posts.first?["idempotency_key"] as? String)
        let intents = work.events("reply_intent"), replies = work.events("replied")
        XCTAssertEqual(intents.count, 1)
        XCTAssertEqual(replies.count, 1)
        XCTAssertEqual((intents.first?["reply"] as? [String: Any])?["key"] as? String, key, "the journal's key is the header")
        let record = try XCTUnwrap(replies.first?["reply"] as? [String: Any])
        XCTAssertEqual(record["post_id"] as? String, posts.first?["id"] as? String)
        XCTAssertEqual(record["url"] as? String, answer["reply_url"] as? String)
        XCTAssertEqual(record["visibility"] as? String, "public")
        XCTAssertEqual(replies.first?["by"] as? String, "eva")
        let journal = work.space.journal()
        XCTAssertLessThan(try XCTUnwrap(journal.range(of: "reply_intent")).lowerBound, try XCTUnwrap(journal.range(of: #""kind":"replied""#)).lowerBound)
        let state = try work.tasks().first { $0["id"] as? String == task }
        XCTAssertEqual(state?["state"] as? String, "acknowledged", "a reply acknowledges the task")

        let again = try work.reply(["--json", task, "--send"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try again.jsonObject()["status"] as? String, "already_sent")
        XCTAssertEqual(work.posts().count, 1, "the same reply is never posted twice")
        XCTAssertEqual(work.events("replied").count, 1)
    }

    func testPrivateIsADirectStatusMentioningTheCustomer() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, status) = try complaint(work)
        let sent = try work.reply([task, "--private", "--send", "--text", "te escribimos para ver tu pedido"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let post = try XCTUnwrap(work.posts().first)
        XCTAssertEqual(post["visibility"] as? String, "direct")
        XCTAssertEqual(post["in_reply_to_id"] as? String, status)
        XCTAssertEqual(post["mentions"] as? [String], ["cliente1"], "a direct status reaches who it mentions")
        XCTAssertEqual(post["text"] as? String, "@cliente1 te escribimos para ver tu pedido ^EQ", "named and signed")
        XCTAssertEqual((work.events("replied").first?["reply"] as? [String: Any])?["visibility"] as? String, "private")
    }

    func testTooLongIsRefusedWithItsLengthAndNothingIsCut() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["max_characters": 120])
        let words = String(repeating: "lo revisamos enseguida ", count: 6)
        let expected = "@cliente1 \(words.trimmingCharacters(in: .whitespaces)) ^EQ".unicodeScalars.count
        for arguments in [[task, "--text", words], [task, "--text", words, "--send"]] {
            let refused = try work.reply(arguments)
            XCTAssertEqual(refused.status, 65, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("reply is \(expected) characters ("), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("mastodon takes at most 120"), refused.stderr)
        }
        XCTAssertEqual(work.posts().count, 0)
        XCTAssertTrue(work.events("reply_intent").isEmpty, "a refused reply leaves no intent")
    }

    func testTwoSendsAtOnceMakeOnePost() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 2])
        let results = Results()
        let (vigia, environment, now) = (work.vigia, work.environment, work.space.time(1))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, try? vigia.run(["--json", "--now", now, "reply", task, "--send"], environment: environment))
        }
        let statuses = results.all.compactMap { try? $0?.jsonObject()["status"] as? String }.sorted()
        XCTAssertEqual(statuses, ["already_sent", "sent"], "a double click: the second waits for the lock, then finds it sent")
        XCTAssertEqual(work.posts().count, 1)
        XCTAssertEqual(work.events("replied").count, 1)
    }

    /// Results filled from two threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [VigiaProcess.Result?] = [nil, nil]
        func set(_ index: Int, _ result: VigiaProcess.Result?) { lock.withLock { slots[index] = result } }
        var all: [VigiaProcess.Result?] { lock.withLock { slots } }
    }

    func testALinkCountsAs23AsTheInstanceCountsIt() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["max_characters": 60])
        let link = "https://casaalba.example/ayuda/envios/seguimiento-de-pedidos-y-devoluciones"
        let preview = try work.reply(["--json", task, "--text", "mira \(link)"])
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertEqual(try preview.jsonObject()["length"] as? Int, "@cliente1 mira ".count + 23 + " ^EQ".count)
        XCTAssertEqual(try work.reply([task, "--text", "mira \(link)", "--send"]).status, 0)
        XCTAssertEqual(work.posts().count, 1, "the instance took it: its count agrees")
    }

    func testAnOutageOrA429LeavesItUnsentAndARetryPostsOnce() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["fail_posts": 1])
        let failed = try work.reply([task, "--send"])
        XCTAssertEqual(failed.status, 69, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("NOT sent") && failed.stderr.contains("503"), failed.stderr)
        try work.server.send(["budget": 0])
        let limited = try work.reply([task, "--send"])
        XCTAssertEqual(limited.status, 69, limited.stderr)
        XCTAssertTrue(limited.stderr.contains("429"), limited.stderr)
        XCTAssertEqual(work.posts().count, 0)
        XCTAssertTrue(work.events("replied").isEmpty, "nothing is journaled as sent")
        XCTAssertEqual(try work.tasks().first?["state"] as? String, "filed")

        try work.server.send(["budget": 1000])
        let retried = try work.reply([task, "--send"])
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(work.posts().count, 1)
        XCTAssertEqual(work.events("replied").count, 1)
    }

    func testKilledAfterThePostTheRetryFindsItAndPostsNothing() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--send"]), .uncaughtSignal)
        XCTAssertEqual(work.posts().count, 1, "the post was made before the kill")
        XCTAssertEqual(work.events("reply_intent").count, 1)
        XCTAssertTrue(work.events("replied").isEmpty, "killed before it could record the answer")

        let retried = try work.reply(["--json", task, "--send"], step: 2)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(try retried.jsonObject()["status"] as? String, "recovered", retried.stdout)
        XCTAssertEqual(work.posts().count, 1, "exactly one post on the server")
        let replies = work.events("replied")
        XCTAssertEqual(replies.count, 1, "exactly one replied event")
        XCTAssertEqual((replies.first?["reply"] as? [String: Any])?["post_id"] as? String, work.posts().first?["id"] as? String)
        XCTAssertEqual(replies.first?["at"] as? String, work.events("reply_intent").first?["at"] as? String,
                       "dated when it went out, not when it was found")
        XCTAssertEqual(try work.reply([task, "--send"], step: 3).status, 0)
        XCTAssertEqual(work.posts().count, 1)
    }

    func testRecoverRecordsAnInterruptedReplyAndSaysWhenThereIsNone() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--private", "--send"]), .uncaughtSignal)
        let recovered = try work.reply(["--recover"], step: 2)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        XCTAssertTrue(recovered.stdout.contains("\(task): the reply interrupted"), recovered.stdout)
        XCTAssertEqual(work.events("replied").count, 1)
        XCTAssertEqual((work.events("replied").first?["reply"] as? [String: Any])?["visibility"] as? String, "private")
        XCTAssertEqual(try work.tasks().first?["state"] as? String, "acknowledged")
        let nothing = try work.reply(["--recover"], step: 3)
        XCTAssertEqual(nothing.status, 0)
        XCTAssertTrue(nothing.stdout.contains("No interrupted replies."), nothing.stdout)
        XCTAssertEqual(work.posts().count, 1)
    }

    func testAnInterruptedReplyThatNeverArrivedIsSentOnRetry() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["fail_posts": 1])
        XCTAssertEqual(try work.reply([task, "--send"]).status, 69)
        let recovered = try work.reply(["--recover"], step: 2)
        XCTAssertTrue(recovered.stdout.contains("did not go out"), recovered.stdout)
        XCTAssertTrue(work.events("replied").isEmpty)
        XCTAssertEqual(try work.reply([task, "--send"], step: 3).status, 0)
        XCTAssertEqual(work.posts().count, 1)
        XCTAssertEqual(work.events("replied").count, 1)
    }

    func testATokenWithoutWriteScopeIsNamed() throws {
        let work = try workspace(scopes: "read")
        defer { work.remove() }
        let (task, _) = try complaint(work)
        let refused = try work.reply([task, "--send"])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("write:statuses"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains(Self.token))
        XCTAssertTrue(work.events("replied").isEmpty)
    }

    func testWhenTheAccountListingLagsTheIdempotencyKeyStillMakesOnePost() throws {
        let work = try workspace()
        defer { work.remove() }
        let (task, _) = try complaint(work)
        try work.server.send(["slow_post": 20])
        XCTAssertEqual(try work.replyKilledAfterPost([task, "--send"]), .uncaughtSignal)
        try work.server.send(["lagging": true])
        let retried = try work.reply(["--json", task, "--send"], step: 2)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertEqual(try retried.jsonObject()["status"] as? String, "sent", "not found in the lagging listing: asked again")
        let posts = work.server.requests(path: "/api/v1/statuses").filter { $0["method"] as? String == "POST" }
        XCTAssertEqual(posts.count, 2, "two requests…")
        XCTAssertEqual(work.posts().count, 1, "…one post: the same Idempotency-Key gets the status made before")
        let replies = work.events("replied")
        XCTAssertEqual(replies.count, 1)
        XCTAssertEqual((replies.first?["reply"] as? [String: Any])?["post_id"] as? String, work.posts().first?["id"] as? String)
    }

    func testAPostReadThroughAnotherFeedIsResolvedOnTheInstanceFirst() throws {
        let work = try workspace()
        defer { work.remove() }
        try work.server.send(["add": 1, "tag": "CasaAlba"])
        // The server's first status id (its ids start at 109000000000000000 and grow by 1000 + n % 7).
        let status = "109000000000001000"
        let url = "https://social.example/@cliente1/\(status)"
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bridge</title>
            <item><title>Casa Alba: el paquete no llega y nadie contesta</title><link>\(url)</link><guid>\(url)</guid>
            <author>@cliente1</author><pubDate>\(Self.rfc822(work.space.start))</pubDate></item></channel></rss>
            """
        try rss.write(to: work.vigia.feeds.appendingPathComponent("bridge.rss"), atomically: true, encoding: .utf8)
        try #"{"id": "bridge", "url": "file:bridge.rss", "channel": "mastodon", "interval": "1m"}"#
            .write(to: work.vigia.feeds.appendingPathComponent("bridge.feed.json"), atomically: true, encoding: .utf8)
        try #"{"id": "masto", "source": "mastodon", "instance": "\#(work.server.address)", "token": "${MASTODON_TOKEN}", "hashtags": ["NadaQueVer"]}"#
            .write(to: work.vigia.feeds.appendingPathComponent("masto.feed.json"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try work.space.poll(0, environment: work.environment).status, 0)
        let task = try XCTUnwrap(try work.tasks().first?["id"] as? String)
        let preview = try work.reply(["--json", task])
        XCTAssertEqual(try preview.jsonObject()["feed"] as? String, "masto", "answered through the channel's account: \(preview.stdout)")
        let sent = try work.reply([task, "--send"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertEqual(work.posts().first?["in_reply_to_id"] as? String, status)
        let lookups = work.server.requests(path: "/api/v2/search").compactMap { $0["query"] as? [String: String] }
        XCTAssertTrue(lookups.contains { $0["resolve"] == "true" && $0["q"] == url }, "\(lookups)")
    }

    func testAPostReadByAFeedWithoutTokenIsAnsweredByTheFeedWithOne() throws {
        let work = try workspace()
        defer { work.remove() }
        try #"{"id": "public", "source": "mastodon", "instance": "\#(work.server.address)", "hashtags": ["CasaAlba"]}"#
            .write(to: work.vigia.feeds.appendingPathComponent("public.feed.json"), atomically: true, encoding: .utf8)
        try #"{"id": "masto", "source": "mastodon", "instance": "\#(work.server.address)", "token": "${MASTODON_TOKEN}", "hashtags": ["NadaQueVer"]}"#
            .write(to: work.vigia.feeds.appendingPathComponent("masto.feed.json"), atomically: true, encoding: .utf8)
        let (task, status) = try complaint(work)
        XCTAssertEqual(try work.reply(["--json", task]).jsonObject()["feed"] as? String, "masto")
        XCTAssertEqual(try work.reply([task, "--send"]).status, 0)
        XCTAssertEqual(work.posts().first?["in_reply_to_id"] as? String, status, "same instance: the id as read")
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
