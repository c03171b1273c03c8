import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// What a known identity was seen saying (`MentionIdentity.textKey`): who said it counts, the Unicode form does not,
/// and a poll state whose texts were keyed by the earlier layout learns them again instead of filing every post.
final class MentionTextTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A WordPress comments feed: one page, a link per comment that differs by its #fragment only.
    private let comments = FeedConfig(
        id: "comments", url: URL(string: "https://casa-alba.example/blog/resena/feed/")!, format: .rss,
        channel: "blog", interval: 300, headers: [:], keywords: [], mapping: nil, file: "comments.feed.json")

    private func comment(_ number: Int, by name: String, order: Int) -> FeedItem {
        FeedItem(
            id: "https://casa-alba.example/?p=7#comment-\(number)",
            text: "Casa Alba me cobró dos veces el pedido \(order). Fatal",
            url: "https://casa-alba.example/blog/resena/#comment-\(number)", author: Author(name: name))
    }

    private func take(_ items: [FeedItem], _ intake: inout MentionIntake, seen: SeenMentions,
                      texts: inout SeenMentions) -> Int {
        var sources = SeenMentions()
        let outcome = FeedOutcome(feed: comments, status: .ok, format: .rss, items: items)
        return intake.take(outcome, seen: seen, seenSources: &sources, seenTexts: &texts)
    }

    func testTwoCustomersWritingTheSameWordsUnderOneLinkAreTwoMentions() throws {
        var intake = MentionIntake(rules: try PollRules(settings: MonitorSettings()), now: now, recordsLaterSources: true)
        var texts = SeenMentions()
        let items = [comment(101, by: "Lucía", order: 4512), comment(102, by: "Marcos", order: 4513)]
        XCTAssertEqual(take(items, &intake, seen: SeenMentions(), texts: &texts), 2)
        XCTAssertEqual(intake.freshMentions.map(\.author.name), ["Lucía", "Marcos"], "neither complaint is dropped")
    }

    func testTheSamePostInAnotherUnicodeFormIsTheSameText() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let precomposed = comment(101, by: "Begoña", order: 1)
        var decomposed = precomposed
        decomposed.text = precomposed.text.decomposedStringWithCanonicalMapping
        decomposed.author.name = "Begoña".decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(precomposed.text.unicodeScalars), Array(decomposed.text.unicodeScalars))

        var first = MentionIntake(rules: rules, now: now, recordsLaterSources: true)
        var texts = SeenMentions()
        XCTAssertEqual(take([precomposed], &first, seen: SeenMentions(), texts: &texts), 1)
        var seen = SeenMentions()
        seen.insert(first.freshMentions[0].id, recordedAt: now)
        var second = MentionIntake(rules: rules, now: now.addingTimeInterval(600), recordsLaterSources: true)
        XCTAssertEqual(take([decomposed], &second, seen: seen, texts: &texts), 0, "served again in NFD: no new task")
        XCTAssertEqual(MentionIdentity.letters(of: "COBRÓ año"), "cobroano")
    }

    func testTextsKeyedTheOldWayAreLearntAgainNotFiledAgain() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let item = comment(101, by: "Lucía", order: 4512)
        let id = rules.identity.mention(from: item, feed: comments, fetchedAt: now).id
        var old = PollState(crisisSettings: .default)
        old.feeds["comments"] = FeedState()
        old.seen.insert(id, recordedAt: now)
        old.seenTexts?.insert("a-key-of-the-first-layout", recordedAt: now)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JournalCoding.encoder.encode(old)) as? [String: Any])
        json["text_key_version"] = nil
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-text-key-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: json).write(to: file)

        let loaded = try XCTUnwrap(PollState.loadIfPresent(from: file, crisisSettings: .default))
        XCTAssertEqual(loaded.textKeyVersion, MentionIdentity.textKeyVersion)
        XCTAssertEqual(loaded.textLearningFeeds, ["comments"])
        var texts = try XCTUnwrap(loaded.seenTexts)
        XCTAssertFalse(texts.contains("a-key-of-the-first-layout"), "keys of the old layout match nothing")

        // The feed's first poll learns its texts: the post it serves again is not a new text of a known identity.
        var learning = MentionIntake(
            rules: rules, now: now, recordsLaterSources: true, learningFeeds: Set(loaded.textLearningFeeds ?? []))
        XCTAssertEqual(take([item], &learning, seen: loaded.seen, texts: &texts), 0)
        var later = MentionIntake(rules: rules, now: now.addingTimeInterval(600), recordsLaterSources: true)
        XCTAssertEqual(take([item], &later, seen: loaded.seen, texts: &texts), 0, "learnt: still the same post")
        var edited = item
        edited.text = "Casa Alba me cobró dos veces y no contestan"
        var afterEdit = MentionIntake(rules: rules, now: now.addingTimeInterval(1200), recordsLaterSources: true)
        XCTAssertEqual(take([edited], &afterEdit, seen: loaded.seen, texts: &texts), 1, "an edit is a mention again")
    }

    func testAPostWhoseLinkChangedIsThePostRecordedNotANewOne() throws {
        let review = FeedItem(
            id: "tag:resenas.example,2026:entry-77", text: "Casa Alba perdió mi pedido y no devuelve el dinero",
            url: "https://casa-alba.example/blog/2026/11/pedido-perdido", author: Author(name: "Clara"))
        var moved = review
        moved.url = "https://casa-alba.example/blog/2026/11/pedido-perdido-y-sin-reembolso"
        var sameGuidOtherPost = moved
        sameGuidOtherPost.url = "https://casa-alba.example/blog/2026/11/otra"
        sameGuidOtherPost.text = "Casa Alba: el envío llegó roto"

        // Its slug rewritten, the same review; a feed giving two posts one guid does not merge them.
        XCTAssertEqual(try newMentions(polling: [review, moved, sameGuidOtherPost]), [1, 0, 1])
    }

    /// A display name that changes is the same post; a review edited from five stars to one is an edit.
    func testWhoSaidItIsNotTheTextButEveryWordIs() throws {
        let review = FeedItem(
            id: "tag:casa-alba.example,2026:r-9", text: "5 estrellas, volveré",
            url: "https://casa-alba.example/resenas/9", author: Author(name: "Ana"))
        var renamed = review
        renamed.author = Author(name: "Ana García 🎄")
        var edited = renamed
        edited.text = "1 estrella, no vuelvo"

        // A new display name files nothing; the verdict changed: an edit.
        XCTAssertEqual(try newMentions(polling: [review, renamed, edited]), [1, 0, 1])
    }

    /// Each item served alone by a poll ten minutes after the one before, what each poll records recorded for the
    /// next: how many new mentions each poll finds.
    private func newMentions(polling items: [FeedItem]) throws -> [Int] {
        let rules = try PollRules(settings: MonitorSettings())
        var texts = SeenMentions(), seen = SeenMentions()
        return items.enumerated().map { index, item in
            var intake = MentionIntake(rules: rules, now: now.addingTimeInterval(Double(index) * 600), recordsLaterSources: true)
            let count = take([item], &intake, seen: seen, texts: &texts)
            for mention in intake.freshMentions { seen.insert(mention.id, recordedAt: now) }
            return count
        }
    }

    /// The comments of a comments feed before fragments were kept: each was known under the page's identity (the
    /// first) or as its edit, with a text key under the page's identity for both; the feed's first poll after the
    /// upgrade adopts them, and a new comment on the same page is still new.
    func testCommentsRecordedUnderThePageBeforeTheUpgradeAreAdopted() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let first = comment(101, by: "Lucía", order: 4512)
        var second = comment(102, by: "Marcos", order: 4513)
        second.text = "Casa Alba no contesta a nadie"
        var newer = comment(103, by: "Eva", order: 1)
        newer.text = "Casa Alba, ¿dónde está mi devolución?"
        // The former identity: the page's link, fragment dropped; the former text key: that id, then the letters.
        var page = first
        page.url = "https://casa-alba.example/blog/resena/"
        let pageID = rules.identity.mention(from: page, feed: comments, fetchedAt: now).id
        func formerKey(_ item: FeedItem) -> String {
            let letters = item.text.lowercased().unicodeScalars.filter(\.properties.isAlphabetic)
            return StableHash.hex(of: pageID + "~" + String(String.UnicodeScalarView(letters)))
        }
        XCTAssertEqual(FormerIdentity.textKey(of: first, feed: comments, format: .rss, identity: rules.identity), formerKey(first))
        var seen = SeenMentions(), formerTexts = SeenMentions()
        seen.insert(pageID, recordedAt: now)
        seen.insert(MentionIdentity.editID(of: formerKey(second)), recordedAt: now)
        for item in [first, second] { formerTexts.insert(formerKey(item), recordedAt: now) }

        var upgrade = MentionIntake(
            rules: rules, now: now, recordsLaterSources: true, learningFeeds: ["comments"], formerTexts: formerTexts)
        var texts = SeenMentions()
        XCTAssertEqual(take([first, second, newer], &upgrade, seen: seen, texts: &texts), 1, "only Eva's comment is new")
        XCTAssertEqual(upgrade.adopted.count, 2)
        XCTAssertEqual(upgrade.freshMentions.map(\.author.name), ["Eva"])
    }
}
