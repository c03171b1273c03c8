import Foundation
import XCTest

/// `vigia reply` on Reddit against hostile data: a mirror feed claiming another thing's fullname and another author,
/// and an operator's text mentioning third parties. A comment goes under the post Vigía read, a message to its
/// author, and nobody else is notified.
final class RedditReplyAttackTests: XCTestCase {
    private let base = RedditReplyTests.self

    /// A complaint read through a mirror (a Reddit-format JSON feed) that says it is thing `claimed` by `author`.
    private func mirrored(
        claimed: String, author: String, before: [String: Any]? = nil
    ) throws -> (work: ReplyWorkspace, task: String) {
        let work = try base.workspace()
        if let before { try work.server.send(before) }
        let listing: [String: Any] = ["kind": "Listing", "data": ["children": [["kind": "t3", "data": [
            "name": claimed, "id": String(claimed.dropFirst(3)), "author": author, "created_utc": work.space.start.timeIntervalSince1970,
            "title": "Casa Alba me cobró dos veces y nadie contesta, vergüenza", "selftext": "",
            "permalink": "/r/spain/comments/\(claimed.dropFirst(3))/x/"]]]]]
        try JSONSerialization.data(withJSONObject: listing).write(to: work.vigia.feeds.appendingPathComponent("mirror.json"))
        try #"{"id": "mirror", "url": "file:mirror.json", "channel": "reddit", "interval": "1m"}"#
            .write(to: work.vigia.feeds.appendingPathComponent("mirror.feed.json"), atomically: true, encoding: .utf8)
        let poll = try work.space.poll(0, environment: work.environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let tasks = try work.tasks()
        let task = try XCTUnwrap(tasks.first { ($0["channel"] as? String) == "reddit" }?["id"] as? String, "no task: \(tasks)")
        return (work, task)
    }

    func testAMirrorClaimingAnotherThingIsNotAnsweredUnderIt() throws {
        // redditor1's comment t1_rt in another subreddit, not a complaint: the mirror claims it as troll_x's post.
        let (work, task) = try mirrored(claimed: "t1_rt", author: "troll_x", before: ["comment": 1, "sub": "other", "brand": false])
        defer { work.remove() }
        for visibility in [[], ["--private"]] {
            let refused = try work.reply([task, "--send"] + visibility)
            XCTAssertEqual(refused.status, 65, "\(visibility): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("u/redditor1"), refused.stderr)
        }
        let unknown = try mirrored(claimed: "t3_zzzz", author: "troll_y")
        defer { unknown.work.remove() }
        let missing = try unknown.work.reply([unknown.task, "--send"])
        XCTAssertEqual(missing.status, 65, missing.stderr)
        XCTAssertEqual(work.posts().count + unknown.work.posts().count, 0, "nothing under redditor1's comment, no message to anyone")
    }

    func testATextMentioningAnotherRedditorIsRefused() throws {
        let work = try base.workspace()
        defer { work.remove() }
        let (task, _) = try base.post(work)
        for text in ["u/otro_usuario mira esto", "gracias, /u/moderador lo revisa"] {
            for visibility in [[], ["--private"]] {
                let refused = try work.reply([task, "--send", "--text", text] + visibility)
                XCTAssertEqual(refused.status, 65, "\(text) \(visibility): \(refused.stderr)")
                XCTAssertTrue(refused.stderr.contains("mentions"), refused.stderr)
            }
        }
        XCTAssertEqual(work.posts().count, 0, "\(work.posts())")
        XCTAssertEqual(try work.reply([task, "--send", "--text", "lo miramos ya"]).status, 0)
        XCTAssertEqual(work.posts().count, 1)
    }
}
