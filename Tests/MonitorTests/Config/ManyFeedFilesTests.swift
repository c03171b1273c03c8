import XCTest

@testable import Monitor

/// An agency's thousand feed files are read in slices on every core: the feeds come back in file-name order and
/// each broken file is named once, in the same order, as when they were read one by one.
final class ManyFeedFilesTests: XCTestCase {
    func testAThousandFilesKeepTheirOrderAndEveryBrokenOneIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-many-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = (0..<1000).map { String(format: "f%04d", $0) }
        for (index, id) in ids.enumerated() {
            let text = index % 97 == 5 ? "{\"id\": \"\(id)\", \"url\": " : "{\"id\": \"\(id)\", \"url\": \"https://h\(index).example/rss\"}"
            try text.write(to: folder.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
        }
        let broken = ids.indices.filter { $0 % 97 == 5 }.map { ids[$0] }
        let (configuration, problems) = try Configuration.loadAll(folder: folder, environment: [:])
        XCTAssertEqual(configuration.feeds.map(\.id), ids.filter { !broken.contains($0) })
        XCTAssertEqual(configuration.feeds.map(\.url.host), configuration.feeds.map { "h\(Int($0.id.dropFirst())!).example" })
        XCTAssertEqual(problems.count, broken.count, "\(problems)")
        for (problem, id) in zip(problems, broken) {
            XCTAssertTrue("\(problem)".contains("\(id).feed.json"), "\(problem) names \(id)")
        }
    }
}
