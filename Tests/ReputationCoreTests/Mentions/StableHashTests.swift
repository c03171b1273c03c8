import XCTest
@testable import ReputationCore

final class StableHashTests: XCTestCase {
    func testKnownFNV1aValues() {
        // Reference values of 64-bit FNV-1a.
        XCTAssertEqual(StableHash.value(of: ""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(StableHash.hex(of: "a"), "af63dc4c8601ec8c")
    }

    func testItemWithoutIDGetsStableHashID() {
        let item = FeedItem(title: "Hola", text: "Mi pedido no llega", url: "https://x.com/a/status/1")
        XCTAssertEqual(item.stableID, item.stableID)
        XCTAssertTrue(item.stableID.hasPrefix("h:"))
        XCTAssertNotEqual(item.stableID, FeedItem(title: "Hola", text: "Otro texto").stableID)
        XCTAssertEqual(FeedItem(id: "guid-1", text: "x").stableID, "guid-1")
    }
}
