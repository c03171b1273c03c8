import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The first run over a poll state written before issue 13 recognises posts the state recorded under their old
/// identity (no second mention, no second task for every post the feeds still serve); later runs use only the new
/// identity, so a post the old one had merged with another is recorded when served again.
final class IdentityUpgradeTests: XCTestCase {
    func testPostsRecordedUnderTheOldIdentityAreAdoptedOnce() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let feed = FeedConfig(
            id: "x", url: URL(string: "https://bridge.example/rss")!, format: .rss, channel: "x", interval: 300,
            headers: [:], keywords: [], mapping: nil, file: "x.feed.json")
        let item = FeedItem(id: "g1", text: "Casa Alba, mi pedido no llega", url: "https://x.com/ana/status/1?s=20")
        var seen = SeenMentions()
        seen.insert(LegacyMentionIdentity.mentionID(item, feedID: "x"), recordedAt: Date())
        let outcome = FeedOutcome(feed: feed, status: .ok, format: .rss, items: [item])
        var sources = SeenMentions(), texts = SeenMentions()

        var upgrade = MentionIntake(
            rules: rules, now: Date(), recordsLaterSources: true, recordsEdits: false, legacyFeeds: ["x"])
        XCTAssertEqual(upgrade.take(outcome, seen: seen, seenSources: &sources, seenTexts: &texts), 0)
        XCTAssertEqual(upgrade.freshMentions.count, 0)
        XCTAssertEqual(upgrade.adopted.count, 1)

        // Once the feed was polled under the new identity, the old one is never consulted again.
        var later = MentionIntake(rules: rules, now: Date(), recordsLaterSources: true, recordsEdits: true)
        var freshTexts = SeenMentions()
        XCTAssertEqual(later.take(outcome, seen: seen, seenSources: &sources, seenTexts: &freshTexts), 1)
        XCTAssertEqual(later.freshMentions.count, 1)
    }
}
