import Foundation
import XCTest
@testable import ReputationCore

/// `ReplyComposer.fitting`: a suggestion too long for a short channel is worded again, dropping the optional parts
/// in order, never the greeting, the next step, a private-data warning or the initials.
final class ReplyFittingTests: XCTestCase {
    private let settings = TaskFixtures.settings(hours: TaskFixtures.officeHours)

    private func input(_ id: String, data: [String] = []) -> ReplyComposer.Input {
        .init(taskID: id, section: .complaint, language: "es", author: Author(name: "Ana", handle: "@ana_g"),
              channel: "bluesky", exposedData: data, needsDetails: true, categories: ["refund"])
    }

    func testAReplyThatFitsIsLeftAsComposed() {
        let full = ReplyComposer.reply(input("t-1"), settings: settings)
        XCTAssertEqual(ReplyComposer.fitting(input("t-1"), settings: settings, maximum: 10_000) { $0.count }, full)
    }

    func testOptionalPartsGoInOrderAndTheEssentialsStay() throws {
        let full = ReplyComposer.reply(input("t-2"), settings: settings)
        var shortest = input("t-2")
        shortest.shortest = true
        shortest.omitted = [.hours, .privateRequest]
        let floor = ReplyComposer.reply(shortest, settings: settings)
        XCTAssertLessThan(floor.count, full.count)
        for maximum in [full.count - 1, (full.count + floor.count) / 2, floor.count] {
            let text = try XCTUnwrap(ReplyComposer.fitting(input("t-2"), settings: settings, maximum: maximum) { $0.count })
            XCTAssertLessThanOrEqual(text.count, maximum)
            XCTAssertTrue(text.hasPrefix("Hola @ana_g") || text.contains("@ana_g"), text)
            XCTAssertTrue(text.contains("reembolso"), "the refund's next step stays: \(text)")
            XCTAssertTrue(text.hasSuffix("EQ") || text.hasSuffix("EQ."), "signed: \(text)")
        }
        XCTAssertFalse(floor.contains("09:00"), "the hours go first")
        XCTAssertNil(ReplyComposer.fitting(input("t-2"), settings: settings, maximum: floor.count - 1) { $0.count },
                     "what cannot fit is refused by the caller with its length, never cut")
    }

    func testAPrivateDataWarningIsNeverDropped() throws {
        let full = ReplyComposer.reply(input("t-3", data: ["phone"]), settings: settings)
        var floor = input("t-3", data: ["phone"])
        floor.shortest = true
        floor.omitted = [.hours, .privateRequest]
        let maximum = ReplyComposer.reply(floor, settings: settings).count
        XCTAssertLessThan(maximum, full.count)
        let text = try XCTUnwrap(ReplyComposer.fitting(input("t-3", data: ["phone"]), settings: settings, maximum: maximum) { $0.count })
        XCTAssertTrue(text.contains("teléfono"), text)
    }
}
