import Foundation
import XCTest
@testable import ReputationCore

final class SentimentRulesTests: XCTestCase {
    func testParsesTSVWithCommentsAndSpaces() throws {
        let table = try RuleTable.parse("# header\n\nmalo\t-2\n  bueno \t 1.5 \r\n", file: "x.tsv", columns: 2...2)
        XCTAssertEqual(table.rows.map(\.fields), [["malo", "-2"], ["bueno", "1.5"]])
        XCTAssertEqual(table.rows.map(\.line), [3, 4])
    }

    func testBadLinesNameFileAndLine() {
        XCTAssertThrowsError(try RuleTable.parse("ok\t1\nbroken\n", file: "lexicon-es.tsv", columns: 2...2)) { error in
            XCTAssertEqual(error as? RulesError, .badLine(file: "lexicon-es.tsv", line: 2,
                                                          reason: "expected 2 tab-separated fields, found 1"))
            XCTAssertTrue("\(error)".hasPrefix("lexicon-es.tsv:2:"))
        }
        XCTAssertThrowsError(try SentimentRules(contents: ["lexicon-es.tsv": "malo\tmuy\n"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("lexicon-es.tsv:1: expected a number"), "\(error)")
        }
        XCTAssertThrowsError(try SentimentRules(contents: ["modifiers-en.tsv": "amplifier\tvery\t1\n"])) { error in
            XCTAssertTrue("\(error)".contains("unknown modifier kind 'amplifier'"), "\(error)")
        }
        XCTAssertThrowsError(try SentimentRules(contents: ["settings.tsv": "alfa\t3\n"])) { error in
            XCTAssertTrue("\(error)".contains("unknown setting 'alfa'"), "\(error)")
        }
    }

    func testRulesFromContentsAreUsed() throws {
        let rules = try SentimentRules(contents: [
            "lexicon-es.tsv": "chungo\t-2\nno llega\t-2.5\nfrustr*\t-2\n",
            "modifiers-es.tsv": "negator\tno\nbooster\tmuy\t0.3\n",
            "function-words.tsv": "es\tel la es que\n",
        ])
        let scorer = SentimentScorer(rules: rules)
        XCTAssertEqual(scorer.score("el envío es chungo").label, .negative)
        XCTAssertEqual(scorer.score("el envío no es chungo").label, .positive)
        XCTAssertEqual(scorer.score("el pedido no llega").terms.map(\.text), ["no llega"])
        XCTAssertEqual(scorer.score("es frustrante").terms.first?.text, "frustrante")
    }

    func testBundledRulesLoadFastEnoughAndAreComplete() throws {
        let files = try RuleFiles.locate()
        for name in SentimentRules.fileNames + TriageRules.fileNames {
            XCTAssertTrue(FileManager.default.fileExists(atPath: files.directory.appendingPathComponent(name).path), name)
        }
        let rules = try SentimentRules.load()
        XCTAssertEqual(rules.lexicons.map(\.code), ["es", "en"])
    }

    func testOverlayAddsAndOverridesEntries() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-overlay-\(UUID())")
        try FileManager.default.createDirectory(at: overlay, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "# brand words\nzapatillazo\t3\nbueno\t-1\n".write(to: overlay.appendingPathComponent("lexicon-es.tsv"),
                                                                atomically: true, encoding: .utf8)
        try "fraud\tes\tzapatilla pirata\n".write(to: overlay.appendingPathComponent("categories.tsv"),
                                                  atomically: true, encoding: .utf8)
        let scorer = SentimentScorer(rules: try SentimentRules.load(overlay: overlay))
        XCTAssertEqual(scorer.score("menudo zapatillazo el de la tienda").label, .positive)
        XCTAssertEqual(scorer.score("el producto es bueno").label, .negative, "overlay overrides the bundled valence")
        let triager = Triager(rules: try TriageRules.load(overlay: overlay))
        XCTAssertEqual(triager.patterns("me vendieron una zapatilla pirata", language: "es").categories, ["fraud"])
    }

    func testOverlayErrorsNameTheOverlayFile() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-overlay-\(UUID())")
        try FileManager.default.createDirectory(at: overlay, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: overlay) }
        let file = overlay.appendingPathComponent("lexicon-en.tsv")
        try "fine\t1\nbroken line\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SentimentRules.load(overlay: overlay)) { error in
            XCTAssertEqual(error as? RulesError, .badLine(file: file.path, line: 2,
                                                          reason: "expected 2 tab-separated fields, found 1"))
        }
    }
}
