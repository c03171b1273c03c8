import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Bluesky's replying side against the loopback PDS: public replies name root and parent by URI and CID, private
/// ones go through the chat proxy, a closed inbox falls back to the public answer, and `findSent` finds what went
/// out so a retry after a crash posts nothing.
final class BlueskyReplyTests: XCTestCase {
    static let identifier = "casaalba.bsky.social"
    static let password = "abcd-efgh-ijkl-mnop"
    let environment = ["BSKY_APP_PASSWORD": BlueskyReplyTests.password]

    private struct World {
        let server: NetworkServer
        let space: SourceWorkspace
        let harness: ReplyKindHarness
        func stop() {
            harness.remove()
            space.vigia.remove()
            server.stop()
        }
    }

    /// A PDS with two posts and a reply to the first, polled once so the mentions carry their references.
    private func world() throws -> World {
        let server = try NetworkServer(script: NetworkScripts.bluesky, arguments: [Self.identifier, Self.password, "5", "600"])
        let feed = #"{"id": "bsky", "source": "bluesky", "service": "\#(server.address)", "identifier": "\#(Self.identifier)", "#
            + #""app_password": "${BSKY_APP_PASSWORD}", "search": "casa alba", "mentions": true, "interval": "1m"}"#
        let space = try SourceWorkspace(feeds: ["bsky": feed])
        try server.send(["add": 2])
        try server.send(["notify": 1, "reason": "reply"])
        let poll = try space.poll(0, environment: environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        return World(server: server, space: space, harness: try ReplyKindHarness(feedID: "bsky", feed: feed, environment: environment))
    }

    private func reply(to mention: [String: Any], _ text: String, _ visibility: ReplyVisibility = .public,
                       fallback: String? = nil) -> OutgoingReply {
        let author = (mention["author"] as? [String: Any])?["handle"] as? String ?? "?"
        return OutgoingReply(
            post: ReplyKindHarness.reference(mention), postURL: mention["url"] as? String, author: author, text: text,
            visibility: visibility, key: StableHash.hex(of: text), publicFallback: fallback)
    }

    /// The mention that answers another post (its root is not itself), and one that starts its thread.
    private func mentions(_ world: World) throws -> (reply: [String: Any], top: [String: Any]) {
        let all = world.space.mentions()
        func reference(_ m: [String: Any]) -> PostReference { ReplyKindHarness.reference(m) }
        let reply = try XCTUnwrap(all.first { reference($0).rootURI != reference($0).uri })
        let top = try XCTUnwrap(all.first { reference($0).rootURI == reference($0).uri })
        return (reply, top)
    }

    func testAPublicReplyNamesRootAndParentAndFindSentFindsIt() throws {
        let world = try world()
        defer { world.stop() }
        let (answered, _) = try mentions(world)
        let outgoing = reply(to: answered, "Hola @cliente, lo sentimos: te escribimos por privado. —CA")
        XCTAssertNil(try world.harness.findSent(outgoing), "nothing sent yet")

        let sent = try world.harness.send(outgoing)
        XCTAssertEqual(sent.visibility, .public)
        XCTAssertTrue(sent.id.hasPrefix("at://did:plc:casaalba/app.bsky.feed.post/"), sent.id)
        XCTAssertEqual(sent.url, "https://bsky.app/profile/\(Self.identifier)/post/\(sent.id.split(separator: "/").last!)")
        XCTAssertEqual(sent.account, "@\(Self.identifier)")

        let received = ReplyKindHarness.received(world.server)
        XCTAssertEqual(received.count, 1)
        let record = try XCTUnwrap(received.first?["record"] as? [String: Any])
        XCTAssertEqual(record["text"] as? String, outgoing.text)
        let refs = try XCTUnwrap(record["reply"] as? [String: [String: String]])
        let reference = ReplyKindHarness.reference(answered)
        XCTAssertEqual(refs["parent"]?["uri"], reference.uri)
        XCTAssertEqual(refs["parent"]?["cid"], reference.cid)
        XCTAssertEqual(refs["root"]?["uri"], reference.rootURI)
        XCTAssertEqual(refs["root"]?["cid"], reference.rootCID)
        XCTAssertNotEqual(refs["root"]?["uri"], refs["parent"]?["uri"], "a reply in a thread names the thread's first post as root")

        let found = try XCTUnwrap(try world.harness.findSent(outgoing), "the reply is found on the network")
        XCTAssertEqual(found.id, sent.id)
        XCTAssertEqual(found.url, sent.url)
        var other = outgoing
        other.text += " (otra)"
        XCTAssertNil(try world.harness.findSent(other), "another text is not this reply")
    }

    func testAReplyToAPostWhoseCIDChangedIsRefusedByTheServerAndNothingIsPosted() throws {
        let world = try world()
        defer { world.stop() }
        let (_, top) = try mentions(world)
        let outgoing = reply(to: top, "Hola, gracias por escribirnos. —CA")
        let number = Int(String((ReplyKindHarness.reference(top).uri ?? "").suffix(8))) ?? 1
        try world.server.send(["edit": number])
        XCTAssertThrowsError(try world.harness.send(outgoing)) { error in
            XCTAssertTrue("\(error)".contains("createRecord answered HTTP 400"), "\(error)")
        }
        XCTAssertTrue(ReplyKindHarness.received(world.server).isEmpty)
    }

    func testAPrivateReplyGoesThroughTheChatProxyAndIsFoundAgain() throws {
        let world = try world()
        defer { world.stop() }
        let (_, top) = try mentions(world)
        let outgoing = reply(to: top, "Hola, ¿nos das tu número de pedido? —CA", .private, fallback: "Escríbenos por privado. —CA")
        let sent = try world.harness.send(outgoing)
        XCTAssertEqual(sent.visibility, .private)
        XCTAssertNil(sent.url)
        let received = ReplyKindHarness.received(world.server)
        XCTAssertEqual(received.count, 1)
        XCTAssertEqual(received.first?["kind"] as? String, "message", "the PDS forwarded it: the proxy header was there")
        XCTAssertEqual(received.first?["text"] as? String, outgoing.text)
        let customer = try XCTUnwrap(ReplyKindHarness.reference(top).uri.flatMap(BlueskyWrite.authority))
        XCTAssertEqual(Set(received.first?["members"] as? [String] ?? []), ["did:plc:casaalba", customer])
        XCTAssertEqual(try world.harness.findSent(outgoing)?.id, sent.id)
    }

    func testACustomerWhoAcceptsNoMessagesGetsThePublicFallbackAndNeverThePrivateText() throws {
        let world = try world()
        defer { world.stop() }
        let (_, top) = try mentions(world)
        let customer = try XCTUnwrap(ReplyKindHarness.reference(top).uri.flatMap(BlueskyWrite.authority))
        try world.server.send(["closed": customer])
        let secret = "Tu pedido 4417 sale mañana hacia Calle Mayor 3. —CA"
        let withoutFallback = reply(to: top, secret, .private)
        XCTAssertThrowsError(try world.harness.send(withoutFallback)) { error in
            guard case SourceFailure.permissionMissing(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("accepts no chat messages"), text)
        }
        XCTAssertTrue(ReplyKindHarness.received(world.server).isEmpty, "no fallback given: nothing goes out")

        let fallback = "Hola, no podemos escribirte por privado: ¿nos mandas tú un mensaje? —CA"
        let outgoing = reply(to: top, secret, .private, fallback: fallback)
        let sent = try world.harness.send(outgoing)
        XCTAssertEqual(sent.visibility, .public, "recorded as what it is: a public reply")
        let received = ReplyKindHarness.received(world.server)
        XCTAssertEqual(received.count, 1)
        XCTAssertEqual((received.first?["record"] as? [String: Any])?["text"] as? String, fallback)
        XCTAssertFalse(received.contains { "\($0)".contains("4417") }, "the private text never goes out in public")
        XCTAssertEqual(try world.harness.findSent(outgoing)?.id, sent.id, "a retry finds the fallback")
    }

    func testAnAppPasswordWithoutChatAccessIsNamedAndNothingGoesOut() throws {
        let world = try world()
        defer { world.stop() }
        let (_, top) = try mentions(world)
        try world.server.send(["no_chat": true])
        XCTAssertThrowsError(try world.harness.send(reply(to: top, "Hola. —CA", .private, fallback: "Escríbenos. —CA"))) { error in
            guard case SourceFailure.permissionMissing(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("Allow access to your direct messages"), text)
        }
        XCTAssertTrue(ReplyKindHarness.received(world.server).isEmpty, "a missing permission is not a closed inbox: no fallback")
    }

    func testTheLimitIs300GraphemesAndAToolongTextIsRefusedByTheServerToo() throws {
        let world = try world()
        defer { world.stop() }
        var poll = world.harness.context()
        let limit = try world.harness.kind.replyLimit(&poll)
        XCTAssertEqual(limit, ReplyLimit(maximum: 300, unit: .graphemes))
        XCTAssertEqual(limit.length(of: String(repeating: "👍🏽", count: 300)), 300, "an emoji with its skin tone is one")
        let (_, top) = try mentions(world)
        XCTAssertThrowsError(try world.harness.send(reply(to: top, String(repeating: "a", count: 301))))
        XCTAssertTrue(ReplyKindHarness.received(world.server).isEmpty)
    }

    func testASpentRateLimitIsATemporaryFailureAndNothingIsPosted() throws {
        let world = try world()
        defer { world.stop() }
        let (_, top) = try mentions(world)
        try world.server.send(["budget": 0])
        XCTAssertThrowsError(try world.harness.send(reply(to: top, "Hola, gracias. —CA"))) { error in
            guard case SourceFailure.rateLimited = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(ReplyKindHarness.received(world.server).isEmpty)
    }
}
