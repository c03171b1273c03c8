import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A poll state written by a newer Vigía (after a downgrade, or a folder shared between versions) is refused by
/// name: read as this version's, its unknown fields would be dropped at the next save.
final class PollStateVersionTests: XCTestCase {
    func testANewerVersionIsRefusedNamingTheVersionsAndTheWayOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("poll-state.json")
        try PollState(crisisSettings: CrisisSettings()).save(to: url)
        XCTAssertEqual(try PollState.loadIfPresent(from: url, crisisSettings: CrisisSettings())?.version, 1)

        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        object["version"] = 99
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        XCTAssertThrowsError(try PollState.loadIfPresent(from: url, crisisSettings: CrisisSettings())) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(url.path), text)
            XCTAssertTrue(text.contains("version 99 was written by a newer Vigía"), text)
            XCTAssertTrue(text.contains("reads up to 1"), text)
        }
    }
}
