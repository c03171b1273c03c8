import XCTest

/// The rule overlay `feeds/rules/` on the built binary: used whether or not monitor.json exists, and a bad line in
/// it is the user's data (exit 65 naming file and line), not an internal error.
final class RuleOverlayTests: XCTestCase {
    var vigia: VigiaProcess!

    override func setUpWithError() throws {
        vigia = try VigiaProcess.demo()
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    }

    override func tearDown() {
        vigia.remove()
    }

    private var rules: URL { vigia.feeds.appendingPathComponent("rules") }

    private func label(_ text: String) throws -> String? {
        let result = try vigia.run(["score"], stdin: #"{"id": "1", "text": "\#(text)", "lang": "en"}"#)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try result.jsonLines().first?["label"] as? String
    }

    func testTheDefaultOverlayIsUsedWithoutMonitorJSON() throws {
        try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent("monitor.json"))
        let post = "the parcel was delightful"
        XCTAssertEqual(try label(post), "pos")
        // The overlay turns the word around; it must apply although there is no monitor.json naming it.
        try "delightful\t-3\n".write(to: rules.appendingPathComponent("lexicon-en.tsv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try label(post), "neg")
    }

    func testABadOverlayLineExits65NamingFileAndLine() throws {
        for withSettings in [true, false] {
            if !withSettings { try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent("monitor.json")) }
            try "# my words\ndelightful\t-3\nbroken line without a tab\n"
                .write(to: rules.appendingPathComponent("lexicon-en.tsv"), atomically: true, encoding: .utf8)
            let result = try vigia.run(["poll"])
            XCTAssertEqual(result.status, 65, result.stderr)
            XCTAssertTrue(result.stderr.contains("rules/lexicon-en.tsv:3"), result.stderr)
            try "delightful\tvery\n".write(to: rules.appendingPathComponent("lexicon-en.tsv"), atomically: true, encoding: .utf8)
            let number = try vigia.run(["poll"])
            XCTAssertEqual(number.status, 65, number.stderr)
            XCTAssertTrue(number.stderr.contains("rules/lexicon-en.tsv:1"), number.stderr)
            XCTAssertTrue(number.stderr.contains("'very'"), number.stderr)
        }
    }
}
