import CurlTransport
import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A source kind's replying side driven directly against a loopback server, the way the reply command drives it:
/// the kind read from a feed file, one `SourcePoll` per call with a session folder kept between calls.
struct ReplyKindHarness {
    let feedID: String
    let kind: any ReplyingKind
    let environment: [String: String]
    let state: URL

    init(feedID: String, feed: String, environment: [String: String]) throws {
        self.feedID = feedID
        self.environment = environment
        let object = try ConfigObject.parse(Data(feed.utf8), file: "\(feedID).feed.json")
        guard let name = try object.string("source"), let type = SourceKinds.named(name) else {
            throw XCTSkip("feed has no source kind")
        }
        for key in ["id", "source", "interval"] { _ = try object.string(key) }
        let read = try type.init(reading: object, environment: environment)
        guard let replying = read as? any ReplyingKind else { throw XCTSkip("\(name) does not reply") }
        kind = replying
        state = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-reply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    }

    /// A fresh poll context; `cursor` carries what a kind counts between calls (YouTube's quota).
    func context(cursor: [String: String] = [:]) -> SourcePoll {
        SourcePoll(
            feedID: feedID, now: Date(), maxPages: 1, environment: environment,
            sessions: SessionStore(stateFolder: state), limits: TransferLimits(), checkOnly: false, cursor: cursor)
    }

    func send(_ reply: OutgoingReply) throws(SourceFailure) -> SentReply {
        var poll = context()
        return try kind.send(reply, &poll)
    }

    func findSent(_ reply: OutgoingReply) throws(SourceFailure) -> SentReply? {
        var poll = context()
        return try kind.findSent(reply, &poll)
    }

    func remove() { try? FileManager.default.removeItem(at: state) }

    /// The reference a recorded mention carries (`reference` in alerts/mentions/*.jsonl).
    static func reference(_ mention: [String: Any]) -> PostReference {
        let reference = mention["reference"] as? [String: Any] ?? [:]
        return PostReference(
            id: reference["id"] as? String, uri: reference["uri"] as? String, cid: reference["cid"] as? String,
            rootURI: reference["rootURI"] as? String, rootCID: reference["rootCID"] as? String)
    }

    /// What a loopback server's write endpoints made (`posts.jsonl` in its folder).
    static func received(_ server: NetworkServer) -> [[String: Any]] {
        let text = (try? String(contentsOf: server.folder.appendingPathComponent("posts.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
