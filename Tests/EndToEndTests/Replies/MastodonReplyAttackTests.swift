import Foundation
import XCTest

/// `vigia reply` on Mastodon against hostile data: a feed that claims another author, a remote address that
/// resolves to another post, an operator's text that mentions third parties, an instance answering with unsafe
/// fields, two different replies at once. A reply goes to the post's real author only, once, and nothing unsafe
/// reaches the journal or `--json`.
final class MastodonReplyAttackTests: XCTestCase {
    static let token = "masto-write-7Zp4"

    /// The instance's first status, by cliente1 (ids start at 109000000000000000 and grow by 1000 + n % 7).
    static let first = "109000000000001000"

    /// A Mastodon post read through an RSS bridge that names `author` as its author; the brand's feed `masto`
    /// answers it on the instance.
    private func bridged(author: String, link: String) throws -> (work: ReplyWorkspace, task: String) {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        try work.server.send(["add": 2, "tag": "CasaAlba"])
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bridge</title>
            <item><title>Casa Alba: el paquete no llega y nadie contesta</title><link>\(link)</link><guid>\(link)</guid>
            <author>\(author)</author><pubDate>\(MastodonReplyTests.rfc822(work.space.start))</pubDate></item></channel></rss>
            """
        try rss.write(to: work.vigia.feeds.appendingPathComponent("bridge.rss"), atomically: true, encoding: .utf8)
        try #"{"id": "bridge", "url": "file:bridge.rss", "channel": "mastodon", "interval": "1m"}"#
            .write(to: work.vigia.feeds.appendingPathComponent("bridge.feed.json"), atomically: true, encoding: .utf8)
        try #"{"id": "masto", "source": "mastodon", "instance": "\#(work.server.address)", "token": "${MASTODON_TOKEN}", "hashtags": ["NadaQueVer"]}"#
            .write(to: work.vigia.feeds.appendingPathComponent("masto.feed.json"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try work.space.poll(0, environment: work.environment).status, 0)
        return (work, try XCTUnwrap(try work.tasks().first?["id"] as? String))
    }

    func testADirectMessageGoesToThePostsRealAuthorNotTheNameAFeedClaims() throws {
        let (work, task) = try bridged(author: "@admin", link: "https://social.example/@cliente1/\(Self.first)")
        defer { work.remove() }
        let inPublic = try work.reply([task, "--send"])
        XCTAssertEqual(inPublic.status, 65, "the suggestion greets @admin, who did not write the post\n\(inPublic.stderr)")
        let refused = try work.reply([task, "--private", "--send"])
        XCTAssertEqual(refused.status, 65, "a direct status reaches who it mentions: @admin is not the author\n\(refused.stderr)")
        XCTAssertTrue(refused.stderr.contains("@cliente1"), "the error names the post's real author: \(refused.stderr)")
        XCTAssertEqual(work.posts().count, 0, "nothing reached @admin")
        XCTAssertTrue(work.events("reply_intent").isEmpty, "refused before any intent")
        let preview = try work.reply([task, "--private"])
        XCTAssertEqual(preview.status, 65, "the preview says so too: \(preview.stderr)")

        let named = try work.reply([task, "--private", "--send", "--text", "@cliente1 te escribimos por aquí"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(work.posts().first?["mentions"] as? [String], ["cliente1"])
        XCTAssertEqual(work.posts().first?["visibility"] as? String, "direct")
    }

    func testATextMentioningAnyoneButTheCustomerIsRefused() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        for text in ["@otra@evil.example te escribimos por privado", "@everyone lo estamos mirando",
                     "@cliente12 gracias por avisar"] {
            for visibility in [["--private"], []] {
                let refused = try work.reply([task, "--send", "--text", text] + visibility)
                XCTAssertEqual(refused.status, 65, "\(text) \(visibility): \(refused.stderr)")
                XCTAssertTrue(refused.stderr.contains("mentions"), refused.stderr)
            }
        }
        XCTAssertEqual(work.posts().count, 0, "no third party was notified, no private message leaked: \(work.posts())")
        XCTAssertTrue(work.events("reply_intent").isEmpty)
    }

    func testARemoteAddressResolvingToAnotherPostIsNotAnswered() throws {
        let link = "https://remote.example/@cliente1/77"
        let (work, task) = try bridged(author: "@cliente1", link: link)
        defer { work.remove() }
        // The remote server serves cliente2's post at cliente1's address.
        try work.server.send(["resolve_to": [link: "109000000000002001"]])
        let refused = try work.reply([task, "--send"])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("another post"), refused.stderr)
        XCTAssertEqual(work.posts().count, 0, "the reply did not land under someone else's post: \(work.posts())")
    }

    func testUnsafeFieldsOfTheAnswerStayOutOfTheJournalAndJSON() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        let huge = String(repeating: "9", count: 200_000)
        try work.server.send(["answer_as": ["url": "javascript:alert(document.cookie)", "id": huge, "uri": "javascript:x"]])
        let sent = try work.reply(["--json", task, "--send"])
        XCTAssertEqual(sent.status, 0, "the post went out, so it is recorded: \(sent.stderr)")
        let answer = try sent.jsonObject()
        XCTAssertTrue(answer["reply_url"] is NSNull, "\(answer["reply_url"] ?? "")")
        XCTAssertTrue(answer["reply_id"] is NSNull, "an id of 200,000 digits is not an id")
        XCTAssertEqual(work.events("replied").count, 1)
        let journal = work.space.journal()
        XCTAssertFalse(journal.contains("javascript:"))
        XCTAssertFalse(journal.contains(String(repeating: "9", count: 1000)))
        let listed = try work.tasks().first { $0["id"] as? String == task }
        XCTAssertEqual(listed?["state"] as? String, "acknowledged")
        XCTAssertFalse(String(describing: listed?["reply_url"] ?? "").contains("javascript"))
        XCTAssertEqual(try work.reply([task, "--send"]).status, 0)
        XCTAssertEqual(work.posts().count, 1, "and never posted again")
    }

    func testTwoDifferentRepliesAtOnceMakeOnePost() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        try work.server.send(["slow_post": 2])
        let results = MastodonReplyTests.Results()
        let (vigia, environment, now) = (work.vigia, work.environment, work.space.time(1))
        let texts = ["lo miramos ahora mismo", "ya estamos revisando tu pedido"]
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, try? vigia.run(["--now", now, "reply", task, "--send", "--text", texts[index]],
                                              environment: environment))
        }
        let statuses = results.all.compactMap { $0?.status }.sorted()
        XCTAssertEqual(statuses, [0, 65], "two people answering at once: the second is told, not posted")
        XCTAssertEqual(work.posts().count, 1, "the customer gets one answer: \(work.posts())")
        XCTAssertEqual(work.events("replied").count, 1)
        let second = try XCTUnwrap(results.all.compactMap { $0 }.first { $0.status == 65 })
        XCTAssertTrue(second.stderr.contains("already answered"), second.stderr)
        // A private message after the public answer is another reply, and goes out.
        XCTAssertEqual(try work.reply([task, "--send", "--private", "--text", "te escribimos aquí"]).status, 0)
        XCTAssertEqual(work.posts().count, 2)
    }
}

/// A network that breaks after taking the reply, leaks the token back, or a clock set before the task.
final class MastodonReplyFailureTests: XCTestCase {
    static let token = MastodonReplyAttackTests.token

    /// `polling.timeout` of the workspace's monitor.json (replies use the same transfer limits as polls).
    private func setTimeout(_ work: ReplyWorkspace, _ timeout: String) throws {
        let file = work.vigia.feeds.appendingPathComponent("monitor.json")
        var settings = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var polling = settings["polling"] as? [String: Any] ?? [:]
        polling["timeout"] = timeout
        settings["polling"] = polling
        try JSONSerialization.data(withJSONObject: settings).write(to: file)
    }

    func testAReplyTheNetworkTookButAnsweredBadlyIsFoundAndRecordedAtOnce() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        try work.server.send(["garbage_post": true])
        let garbled = try work.reply(["--json", task, "--send"])
        XCTAssertEqual(garbled.status, 0, "the post went out (a 200 with an HTML page): found, not reported unsent\n\(garbled.stderr)")
        XCTAssertEqual(try garbled.jsonObject()["status"] as? String, "sent")
        XCTAssertEqual(work.events("replied").count, 1)

        // An instance slower than the timeout: the request gives up after the status was made.
        try setTimeout(work, "2s")
        try work.server.send(["slow_post": 6])
        let late = try work.reply(["--json", task, "--send", "--private", "--text", "te escribimos por aquí"])
        XCTAssertEqual(late.status, 0, late.stderr)
        XCTAssertEqual(try late.jsonObject()["status"] as? String, "sent")
        XCTAssertEqual(work.events("replied").count, 2)
        let again = try work.reply([task, "--send", "--private", "--text", "te escribimos por aquí"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(work.posts().count, 2, "each reply once: \(work.posts())")
    }

    func testTheTokenNeverReachesTheTerminalTheJournalOrJSON() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        try work.server.send(["echo_auth": true])
        let refused = try work.reply(["--json", task, "--send"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("NOT sent"), refused.stderr)
        for (place, text) in [("stderr", refused.stderr), ("stdout", refused.stdout), ("journal", work.space.journal())] {
            XCTAssertFalse(text.contains(Self.token), "the token is in \(place): \(text)")
        }
        XCTAssertEqual(work.posts().count, 0)
    }

    func testARedirectOfThePostIsNotFollowed() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        let port = try XCTUnwrap(URL(string: work.server.address)?.port)
        // Another host name for the same loopback server: what it receives there is what a stranger would.
        try work.server.send(["redirect_post": "http://localhost:\(port)/elsewhere/statuses"])
        let moved = try work.reply([task, "--send"])
        XCTAssertEqual(moved.status, 69, moved.stderr)
        XCTAssertTrue(moved.stderr.contains("NOT sent"), moved.stderr)
        XCTAssertFalse(moved.stderr.contains(Self.token))
        XCTAssertTrue(work.server.requests(path: "/elsewhere/statuses").isEmpty, "the reply (and its token) went nowhere else")
        XCTAssertEqual(work.posts().count, 0)
        XCTAssertEqual(try work.reply([task, "--send"]).status, 0, "the retry posts it")
        XCTAssertEqual(work.posts().count, 1)
    }

    func testAReplyDatedBeforeItsTaskIsRefused() throws {
        let work = try ReplyWorkspace.mastodon(token: Self.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        let early = try work.reply([task, "--send"], step: -30)
        XCTAssertEqual(early.status, 64, "a first response before the post was seen would count as answered in time\n\(early.stderr)")
        XCTAssertTrue(early.stderr.contains("before the task was filed"), early.stderr)
        XCTAssertEqual(work.posts().count, 0)
        XCTAssertTrue(work.events("reply_intent").isEmpty)
    }
}

/// A reply interrupted under one post, and the customer writing again before the retry.
final class MastodonReplyRecoveryTests: XCTestCase {
    func testAnInterruptedReplyIsLookedForUnderThePostItAnswered() throws {
        let work = try ReplyWorkspace.mastodon(token: MastodonReplyAttackTests.token)
        defer { work.remove() }
        let (task, first) = try work.mastodonComplaint()
        try work.server.send(["slow_post": 30])
        _ = try work.replyKilledAfterPost([task, "--send"])
        XCTAssertEqual(work.posts().count, 1)
        XCTAssertEqual(work.events("replied").count, 0, "killed before replied")
        // Answered outside Vigía's record, resolved; then cliente1 writes again (the 6th status is theirs).
        let environment = work.environment
        XCTAssertEqual(try work.vigia.run(["--now", work.space.time(1), "ack", task], environment: environment).status, 0)
        XCTAssertEqual(try work.vigia.run(["--now", work.space.time(1), "resolve", task], environment: environment).status, 0)
        try work.server.send(["add": 5, "tag": "CasaAlba"])
        XCTAssertEqual(try work.space.poll(2, environment: environment).status, 0)
        let reopened = try XCTUnwrap(try work.tasks(2).first { $0["id"] as? String == task })
        XCTAssertEqual(reopened["state"] as? String, "filed", "the customer's new post reopened the task: \(reopened)")

        let recover = try work.vigia.run(["--json", "--now", work.space.time(2), "reply", "--recover"], environment: environment)
        XCTAssertEqual(recover.status, 0, recover.stderr)
        XCTAssertEqual(try recover.jsonObject()["status"] as? String, "recovered",
                       "the interrupted reply is under the first post, and is found there: \(recover.stdout)")
        XCTAssertEqual(work.events("replied").count, 1)
        XCTAssertEqual(work.posts().first?["in_reply_to_id"] as? String, first)
        XCTAssertEqual(work.posts().count, 1, "nothing posted again")
    }
}

/// An operator's text that says nothing once the name and the initials are set aside.
final class EmptyReplyTests: XCTestCase {
    func testATextOfOnlyTheNameOrTheSignatureIsRefused() throws {
        let work = try ReplyWorkspace.mastodon(token: MastodonReplyAttackTests.token)
        defer { work.remove() }
        let (task, _) = try work.mastodonComplaint()
        for text in ["^EQ", "@cliente1", "@cliente1 ^EQ", " … ", "EQ."] {
            let refused = try work.reply([task, "--send", "--text", text])
            XCTAssertNotEqual(refused.status, 0, "'\(text)' went out as a reply: \(work.posts())")
            XCTAssertTrue(refused.stderr.contains("says nothing") || refused.stderr.contains("empty"), refused.stderr)
        }
        XCTAssertEqual(work.posts().count, 0, "\(work.posts())")
        XCTAssertTrue(work.events("reply_intent").isEmpty)
    }
}
