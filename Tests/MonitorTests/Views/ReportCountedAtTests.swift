import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A post counts in the report when it was posted, but never after it was seen (as the crisis detector counts it):
/// a feed dating its posts tomorrow or in 2199 must not keep complaints that were filed out of every report.
final class ReportCountedAtTests: XCTestCase {
    func testAPostDatedAfterItWasSeenCountsWhenItWasSeen() {
        let now = ViewFixtures.now
        var tomorrow = ViewFixtures.mention("m1", "Casa Alba no contesta", hoursAgo: 0, label: .negative)
        tomorrow.mention.publishedAt = now.addingTimeInterval(86_400)
        tomorrow.mention.fetchedAt = now.addingTimeInterval(-600)
        var farFuture = ViewFixtures.mention("m2", "Casa Alba me cobró dos veces", hoursAgo: 0, label: .negative)
        farFuture.mention.publishedAt = ISOTime.parse("2199-12-31T00:00:00Z")
        farFuture.mention.fetchedAt = now.addingTimeInterval(-300)
        let timely = ViewFixtures.mention("m3", "Pedido perdido", hoursAgo: 2, label: .negative)

        let rows = [tomorrow, farFuture, timely].map(ReportMention.init)
        XCTAssertEqual(rows.map(\.countedAt), [tomorrow.mention.fetchedAt, farFuture.mention.fetchedAt, timely.mention.postedAt])
        let window = Report.window(rows, from: now.addingTimeInterval(-86_400), to: now)
        XCTAssertEqual(window.map(\.id), ["m1", "m2", "m3"], "every post that arrived today is in today's report")
    }
}
