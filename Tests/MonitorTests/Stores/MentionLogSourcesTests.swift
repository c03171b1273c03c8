import ReputationCore
import XCTest

@testable import Monitor

/// Sources added by later runs are merged into the mention whenever the log is read, once each.
final class MentionLogSourcesTests: XCTestCase {
    func testLaterSourcesAreMergedOnceIntoTheirMention() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-sources-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = MentionLog(alertsFolder: folder)
        let first = ViewFixtures.mention("a", "no llega mi pedido", hoursAgo: 2, label: .negative)
        let other = ViewFixtures.mention("b", "gracias", hoursAgo: 1, label: .positive)
        try log.append([first, other], recordedAt: ViewFixtures.now)
        let later = ViewFixtures.now.addingTimeInterval(600)
        // Twice the same pair, as a run killed before saving its state and then re-run would record it.
        try log.append([
            MentionSource(mention: "a", source: "feed-tag", seenAt: later),
            MentionSource(mention: "a", source: "feed-tag", seenAt: later),
            MentionSource(mention: "a", source: "feed-twitter", seenAt: later),
            MentionSource(mention: "gone", source: "feed-x", seenAt: later),
        ])
        let read = try log.all()
        XCTAssertEqual(read.map(\.mention.id), ["a", "b"])
        XCTAssertEqual(read[0].mention.sources, ["feed-twitter", "feed-tag"])
        XCTAssertEqual(read[1].mention.sources, ["feed-twitter"])
        XCTAssertEqual(try log.unprocessed(after: [:]).records.count, 2, "the sources file is not a day file")
    }
}
