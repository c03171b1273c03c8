import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Whole numbers are names as often as quantities: an id of 19 digits (X's) or more read through a Double made
/// posts 256 ids apart one post. They are read exactly, and the first poll after the upgrade still knows the posts
/// the state recorded under the lossy spelling (`FormerIdentity`).
final class JSONNumberTests: XCTestCase {
    private func parse(_ json: String) throws -> JSONValue {
        var bytes = Array(json.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer throws(DecodeError) in
            var parser = JSONParser(UnsafeBufferPointer(buffer))
            return try parser.parseDocument().value
        }
    }

    func testWholeNumbersOfAnyLengthKeepEveryDigit() throws {
        let ids = try parse("[2124635289229068312, 2124635289229068313, 9223372036854775807, 18446744073709551616000, -12]")
        XCTAssertEqual(ids.array?.compactMap(\.text), [
            "2124635289229068312", "2124635289229068313", "9223372036854775807", "18446744073709551616000", "-12",
        ])
        XCTAssertEqual(try parse("18446744073709551616000").number, 1.8446744073709552e22, "still a number")
        let ones = String(repeating: "1", count: 5000), twos = String(repeating: "2", count: 5000)
        XCTAssertEqual(try parse("[\(ones), \(twos)]").array?.compactMap(\.text), [ones, twos], "no length merges ids")
        XCTAssertEqual(try parse("2.5").text, "2.5")
        XCTAssertEqual(try parse("1e3").number, 1000)
    }

    func testThreePostsWithNeighbouringIdsAreThreeMentions() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let feed = FeedConfig(
            id: "api", url: URL(string: "file:///srv/feeds/api.json")!, format: .json, channel: "x", interval: 300,
            headers: [:], keywords: [], mapping: nil, file: "api.feed.json")
        let ids = try parse("[2124635289229068312, 2124635289229068313, 2124635289229068400]").array?.compactMap(\.text) ?? []
        let mentions = ids.map { id in
            rules.identity.mention(from: FeedItem(id: id, text: "Casa Alba me cobró dos veces"), feed: feed, fetchedAt: Date()).id
        }
        XCTAssertEqual(Set(mentions).count, 3)
    }

    func testThePostsRecordedUnderTheLossySpellingAreAdoptedOnTheFeedsFirstPoll() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let feed = FeedConfig(
            id: "api", url: URL(string: "file:///srv/feeds/api.json")!, format: .json, channel: "x", interval: 300,
            headers: [:], keywords: [], mapping: nil, file: "api.feed.json")
        let item = FeedItem(id: "2124635289229068312", text: "Casa Alba me cobró dos veces")
        // What the reading before this version gave: the Double's description.
        let oldSpelling = "\(Double("2124635289229068312")!)"
        XCTAssertEqual(FormerIdentity.lossySpelling(of: item.id), oldSpelling)
        XCTAssertNil(FormerIdentity.lossySpelling(of: "123456789012345678"), "18 digits were always exact")
        XCTAssertNil(FormerIdentity.lossySpelling(of: "2124635289229068312a"))
        var lossy = item
        lossy.id = oldSpelling
        // What the former version recorded: the mention under the lossy id, and its text key (id, then letters).
        let formerID = rules.identity.mention(from: lossy, feed: feed, fetchedAt: Date()).id
        var seen = SeenMentions(), formerTexts = SeenMentions()
        seen.insert(formerID, recordedAt: Date())
        let letters = item.text.lowercased().unicodeScalars.filter(\.properties.isAlphabetic)
        formerTexts.insert(StableHash.hex(of: formerID + "~" + String(String.UnicodeScalarView(letters))), recordedAt: Date())
        let outcome = FeedOutcome(feed: feed, status: .ok, format: .json, items: [item])

        var first = MentionIntake(
            rules: rules, now: Date(), recordsLaterSources: true, learningFeeds: ["api"], formerTexts: formerTexts)
        var sources = SeenMentions(), texts = SeenMentions()
        XCTAssertEqual(first.take(outcome, seen: seen, seenSources: &sources, seenTexts: &texts), 0)
        XCTAssertEqual(first.adopted.count, 1, "recorded before the upgrade: not filed again")
        var later = MentionIntake(rules: rules, now: Date(), recordsLaterSources: true)
        XCTAssertEqual(later.take(outcome, seen: seen, seenSources: &sources, seenTexts: &texts), 1,
                       "after the feed's first poll the lossy spelling is never consulted")
    }
}
