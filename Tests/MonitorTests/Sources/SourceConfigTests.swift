import ReputationCore
import XCTest

@testable import Monitor

/// The `source` key: each kind's keys read strictly, credentials only through `${NAME}`, addresses https (plain
/// http only to this machine), every problem naming the file and the key (exit 65).
final class SourceConfigTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-source-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func load(_ id: String, _ text: String, environment: [String: String] = [:]) throws -> FeedConfig {
        try text.write(to: folder.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
        let feeds = try Configuration.load(folder: folder, environment: environment).feeds
        guard let feed = feeds.first else { throw XCTSkip("no feed loaded") }
        return feed
    }

    private func assertRefused(_ id: String, _ text: String, environment: [String: String] = [:], naming pieces: [String], line: UInt = #line) {
        XCTAssertThrowsError(try load(id, text, environment: environment), line: line) { error in
            for piece in pieces + ["\(id).feed.json"] {
                XCTAssertTrue("\(error)".contains(piece), "'\(piece)' not in: \(error)", line: line)
            }
        }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("\(id).feed.json"))
    }

    func testMastodonContractKeys() throws {
        let feed = try load(
            "masto",
            #"{"id": "masto", "source": "mastodon", "instance": "https://mastodon.social", "token": "${MASTODON_TOKEN}", "#
                + #""hashtags": ["CasaAlba"], "mentions": true, "search": "casa alba"}"#,
            environment: ["MASTODON_TOKEN": "t"])
        XCTAssertEqual(feed.source?.name, "mastodon")
        XCTAssertEqual(feed.channel, "mastodon")
        XCTAssertEqual(feed.source?.maxPages, SourceSpec.defaultMaxPages)
        XCTAssertFalse(String(describing: feed).contains("\"t\""))
    }

    func testProblemsNameFileAndKey() {
        let base = #""id": "m", "source": "mastodon", "instance": "https://mastodon.social", "hashtags": ["a"]"#
        assertRefused("m", "{\(base), \"tokn\": \"x\"}", naming: ["unknown key 'tokn'", "token"])
        assertRefused("m", "{\(base), \"token\": \"${NOPE}\"}", naming: ["token", "NOPE"])
        assertRefused("m", "{\(base), \"token\": \"abc123\"}", naming: ["token", "environment"])
        assertRefused("m", "{\(base), \"url\": \"https://x\"}", naming: ["unknown key 'url'"])
        assertRefused("m", #"{"id": "m", "source": "mastodon", "instance": "http://mastodon.social", "hashtags": ["a"]}"#, naming: ["instance"])
        assertRefused("m", #"{"id": "m", "source": "myspace", "instance": "https://x"}"#, naming: ["source", "mastodon"])
        assertRefused("m", #"{"id": "m", "source": "mastodon", "instance": "https://x", "mentions": true}"#, naming: ["token"])
        assertRefused("m", "{\(base), \"max_pages\": 0}", naming: ["max_pages"])
    }
}

/// Mentions written before `reference` existed still read; new ones carry it.
final class PostReferenceCodingTests: XCTestCase {
    func testAMentionLineWithoutAReferenceStillReads() throws {
        let old = #"{"id":"m-1","sources":["x"],"channel":"x","author":{"name":"Ana"},"text":"hola","fetchedAt":"2026-11-20T10:00:00Z"}"#
        let mention = try JournalCoding.decoder.decode(Mention.self, from: Data(old.utf8))
        XCTAssertNil(mention.reference)
        var fresh = mention
        fresh.reference = PostReference(id: "at://did:plc:x/app.bsky.feed.post/3k", cid: "bafy", rootURI: "at://r", rootCID: "bafr")
        let again = try JournalCoding.decoder.decode(Mention.self, from: JournalCoding.encoder.encode(fresh))
        XCTAssertEqual(again.reference?.rootCID, "bafr")
    }
}
