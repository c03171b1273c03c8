import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A first poll's new mentions are assessed in slices on every core: each gets the assessment it would get alone,
/// in the order the feeds served them.
final class IntakeAssessmentTests: XCTestCase {
    private let feed = FeedConfig(
        id: "reviews", url: URL(string: "https://casa-alba.example/reviews.rss")!, format: .rss, channel: "reviews",
        interval: 300, headers: [:], keywords: [], mapping: nil, file: "reviews.feed.json")

    private let texts = [
        "Casa Alba me cobró dos veces el pedido %d. Fatal", "¿Cuándo llega mi pedido %d?",
        "Encantada con la lámpara del pedido %d, gracias", "Order %d arrived broken, nobody answers",
        "Casa Alba opens a new store, order %d of the day", "Meh. Pedido %d normal",
    ]

    func testEveryNewMentionGetsItsOwnAssessmentInOrder() throws {
        let rules = try PollRules(settings: MonitorSettings())
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let items = (0..<1500).map { index in
            FeedItem(
                id: "https://casa-alba.example/r/\(index)", text: String(format: texts[index % texts.count], index),
                url: "https://casa-alba.example/r/\(index)", author: Author(name: "Cliente \(index)"))
        }
        var intake = MentionIntake(rules: rules, now: now, recordsLaterSources: true)
        var sources = SeenMentions(), seenTexts = SeenMentions()
        let outcome = FeedOutcome(feed: feed, status: .ok, format: .rss, items: items)
        XCTAssertEqual(intake.take(outcome, seen: SeenMentions(), seenSources: &sources, seenTexts: &seenTexts), 1500)
        var scratch = Assessor.Scratch()
        let alone = intake.freshMentions.map { rules.assessor.assess($0, scratch: &scratch) }
        let assessed = intake.assessFresh()
        XCTAssertEqual(assessed.count, 1500)
        XCTAssertEqual(assessed, alone)
        XCTAssertEqual(assessed.map(\.mention.author.name), items.map(\.author.name))
        XCTAssertGreaterThan(Set(assessed.map(\.triage.intent)).count, 1, "the texts are not all read alike")
    }
}
