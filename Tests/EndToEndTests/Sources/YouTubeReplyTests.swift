import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// YouTube's replying side against the loopback Data API: `comments.insert` under the thread with an OAuth token
/// from the refresh token, the 10,000-character limit, no private messages, quota and 429, and `findSent`.
final class YouTubeReplyTests: XCTestCase {
    static let key = "AIzaSyTest-Key-0042"
    static let channel = "UCcasaalba000000000000xx"
    static let client = "1234-test.apps.googleusercontent.com"
    static let secret = "GOCSPX-test-secret"
    static let refresh = "1//0test-refresh-token"
    let environment = [
        "YOUTUBE_API_KEY": YouTubeReplyTests.key, "YT_CLIENT_ID": YouTubeReplyTests.client,
        "YT_CLIENT_SECRET": YouTubeReplyTests.secret, "YT_REFRESH_TOKEN": YouTubeReplyTests.refresh,
    ]

    private func feed(_ server: NetworkServer, oauth: Bool = true) -> String {
        let credentials = oauth
            ? #", "client_id": "${YT_CLIENT_ID}", "client_secret": "${YT_CLIENT_SECRET}", "refresh_token": "${YT_REFRESH_TOKEN}", "#
                + #""token_url": "\#(server.address)/token""# : ""
        return #"{"id": "yt", "source": "youtube", "api_key": "${YOUTUBE_API_KEY}", "channel_id": "\#(Self.channel)", "#
            + #""api_url": "\#(server.address)/youtube/v3", "interval": "1m"\#(credentials)}"#
    }

    private func server(units: Int = 1000) throws -> NetworkServer {
        try NetworkServer(
            script: NetworkScripts.youtube,
            arguments: [Self.key, Self.channel, "5", String(units), Self.client, Self.secret, Self.refresh])
    }

    /// Polls once so the comment is a recorded mention with its reference and URL.
    private func comment(_ server: NetworkServer, feed: String) throws -> (SourceWorkspace, [String: Any]) {
        let space = try SourceWorkspace(feeds: ["yt": feed])
        try server.send(["comment": 2])
        let poll = try space.poll(0, environment: environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        return (space, try XCTUnwrap(space.mentions().first))
    }

    private func reply(_ mention: [String: Any], _ text: String, _ visibility: ReplyVisibility = .public) -> OutgoingReply {
        OutgoingReply(
            post: ReplyKindHarness.reference(mention), postURL: mention["url"] as? String,
            author: (mention["author"] as? [String: Any])?["name"] as? String ?? "?", text: text, visibility: visibility,
            key: StableHash.hex(of: text))
    }

    func testAReplyGoesUnderTheThreadWithTheOAuthTokenAndIsFoundAgain() throws {
        let server = try server()
        defer { server.stop() }
        let (space, mention) = try comment(server, feed: feed(server))
        defer { space.vigia.remove() }
        let harness = try ReplyKindHarness(feedID: "yt", feed: feed(server), environment: environment)
        defer { harness.remove() }
        let outgoing = reply(mention, "Hola @espectador, sentimos la espera: te contamos aquí el estado del envío. —CA")
        XCTAssertNil(try harness.findSent(outgoing))

        let sent = try harness.send(outgoing)
        let parent = try XCTUnwrap(ReplyKindHarness.reference(mention).uri)
        XCTAssertTrue(sent.id.hasPrefix(parent + "."), sent.id)
        XCTAssertEqual(sent.visibility, .public)
        let url = try XCTUnwrap(sent.url.flatMap(URLComponents.init(string:)))
        XCTAssertEqual(url.queryItems?.first { $0.name == "lc" }?.value, sent.id)
        XCTAssertNotNil(url.queryItems?.first { $0.name == "v" }?.value)
        let received = ReplyKindHarness.received(server)
        XCTAssertEqual(received.map { $0["parentId"] as? String }, [parent])
        XCTAssertEqual(received.first?["text"] as? String, outgoing.text)

        XCTAssertEqual(try harness.findSent(outgoing)?.id, sent.id)
        XCTAssertEqual(server.requests(path: "/token").count, 1, "the access token is kept and reused")
        let stored = try Data(contentsOf: harness.state.appendingPathComponent("sessions/yt.json"))
        XCTAssertNil(stored.range(of: Data(Self.refresh.utf8)), "the refresh token is never stored")
        XCTAssertNil(stored.range(of: Data(Self.secret.utf8)))
    }

    func testLimitNoPrivateMessagesAndNoOAuthAreClearRefusals() throws {
        let server = try server()
        defer { server.stop() }
        let (space, mention) = try comment(server, feed: feed(server))
        defer { space.vigia.remove() }
        let harness = try ReplyKindHarness(feedID: "yt", feed: feed(server), environment: environment)
        defer { harness.remove() }
        var poll = harness.context()
        XCTAssertEqual(try harness.kind.replyLimit(&poll), ReplyLimit(maximum: 10_000, unit: .characters))
        XCTAssertFalse(harness.kind.hasPrivateMessages)
        XCTAssertThrowsError(try harness.send(reply(mention, "Hola. —CA", .private)))
        XCTAssertThrowsError(try harness.send(reply(mention, String(repeating: "a", count: 10_001)))) { error in
            XCTAssertTrue("\(error)".contains("commentTextTooLong"), "\(error)")
        }
        let readOnly = try ReplyKindHarness(feedID: "yt", feed: feed(server, oauth: false), environment: environment)
        defer { readOnly.remove() }
        XCTAssertThrowsError(try readOnly.send(reply(mention, "Hola. —CA"))) { error in
            guard case SourceFailure.permissionMissing(let text) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("OAuth"), text)
        }
        XCTAssertTrue(ReplyKindHarness.received(server).isEmpty)
    }

    func testQuotaAnd429AreTemporaryAndPostNothing() throws {
        let server = try server(units: 60)
        defer { server.stop() }
        let (space, mention) = try comment(server, feed: feed(server))
        defer { space.vigia.remove() }
        let harness = try ReplyKindHarness(feedID: "yt", feed: feed(server), environment: environment)
        defer { harness.remove() }
        try server.send(["throttle": 1])
        XCTAssertThrowsError(try harness.send(reply(mention, "Hola, gracias. —CA"))) { error in
            guard case SourceFailure.rateLimited = error else { return XCTFail("\(error)") }
        }
        try server.send(["spend": 20])  // 1 (the poll) + 20: 39 units left, an insert needs 50
        XCTAssertThrowsError(try harness.send(reply(mention, "Hola, gracias. —CA"))) { error in
            guard case SourceFailure.rateLimited(let text, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("quotaExceeded"), text)
        }
        XCTAssertTrue(ReplyKindHarness.received(server).isEmpty)
    }
}
