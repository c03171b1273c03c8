import XCTest

@testable import Monitor

/// Issue 13.16: "café" with a composed é and "café" with e + U+0301 are two files but one key of the poll state;
/// both feeds are refused, named, instead of silently sharing (and overwriting) one state entry.
final class FeedIDFormsTests: XCTestCase {
    func testTheSameIDInTwoUnicodeFormsIsRefusedAsAPair() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        XCTAssertNotEqual(Array(composed.utf8), Array(decomposed.utf8))
        for (id, host) in [(composed, "a.example"), (decomposed, "b.example"), ("other", "c.example")] {
            try #"{"id": "\#(id)", "url": "https://\#(host)/rss"}"#
                .write(to: folder.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 3, "two files on disk")
        let (configuration, problems) = try Configuration.loadAll(folder: folder, environment: [:])
        XCTAssertEqual(configuration.feeds.map(\.id), ["other"])
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first.map { "\($0)".contains("defined twice") && "\($0)".contains("Unicode") } ?? false, "\(problems)")
        XCTAssertThrowsError(try Configuration.load(folder: folder, environment: [:]))
    }
}
