import XCTest
@testable import Monitor

/// The parts every source kind shares: rate-limit headers as each network writes them, the Link header, and the
/// session store's refusal of files that are not private to this user.
final class SourceSharedPartsTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func testRateLimitHeadersOfEachNetwork() {
        let mastodon = RateLimit.read(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-09-21T14:38:20.123Z"], now: now)
        XCTAssertEqual(mastodon?.isSpent, true)
        XCTAssertEqual(mastodon?.resetAt.map { Int($0.timeIntervalSince1970) }, 1_790_001_500)
        let bluesky = RateLimit.read(["ratelimit-remaining": "2999", "ratelimit-reset": "1790000300"], now: now)
        XCTAssertEqual(bluesky?.isSpent, false)
        XCTAssertEqual(bluesky?.resetAt, now.addingTimeInterval(300))
        let reddit = RateLimit.read(["x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "412"], now: now)
        XCTAssertEqual(reddit?.isSpent, true)
        XCTAssertEqual(reddit?.resetAt, now.addingTimeInterval(412))
        XCTAssertNil(RateLimit.read(["content-type": "application/json"], now: now))
        XCTAssertEqual(RateLimit.resetTime("99999999999", now: now), now.addingTimeInterval(86_400), "bounded to a day")
        XCTAssertEqual(RateLimit.retryTime(["retry-after": "30"], now: now), now.addingTimeInterval(30))
        XCTAssertEqual(RateLimit.retryTime([:], now: now), now.addingTimeInterval(60), "429 without Retry-After")
    }

    func testLinkHeader() {
        let links = LinkHeader.targets(
            #"<https://m.example/api/v1/timelines/tag/a?max_id=3&limit=40>; rel="next", <https://m.example/api/v1/timelines/tag/a?min_id=9>; rel="prev""#)
        XCTAssertEqual(links["prev"].flatMap { MastodonStream.query($0, "min_id") }, "9")
        XCTAssertEqual(links["next"].flatMap { MastodonStream.query($0, "max_id") }, "3")
        XCTAssertTrue(LinkHeader.targets(nil).isEmpty)
    }

    func testSessionFilesThatAreNotPrivateAreNotTrusted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(stateFolder: folder)
        try store.save(["token": "t-1"], feedID: "a")
        var notes: [String] = []
        XCTAssertEqual(store.load([String: String].self, feedID: "a") { notes.append($0) }, ["token": "t-1"])
        let attributes = try FileManager.default.attributesOfItem(atPath: store.url(for: "a").path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        chmod(store.url(for: "a").path, 0o644)
        XCTAssertNil(store.load([String: String].self, feedID: "a") { notes.append($0) })
        try "{\"token\": \"other\"}".write(to: folder.appendingPathComponent("elsewhere.json"), atomically: true, encoding: .utf8)
        chmod(folder.appendingPathComponent("elsewhere.json").path, 0o600)
        try FileManager.default.createSymbolicLink(at: store.url(for: "b"), withDestinationURL: folder.appendingPathComponent("elsewhere.json"))
        XCTAssertNil(store.load([String: String].self, feedID: "b") { notes.append($0) }, "a link is not followed")
        XCTAssertEqual(notes.count, 2, "\(notes)")
    }
}
