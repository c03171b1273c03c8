import Foundation
import XCTest
@testable import Monitor

/// `ConfigObject` reads through the project's JSON parser: JSON types are kept (a boolean is not a number), big
/// numbers are refused by name instead of wrapping, a key given twice is an error, and a syntax error says where.
final class ConfigObjectTests: XCTestCase {
    private func parse(_ json: String) throws -> ConfigObject {
        try ConfigObject.parse(Data(json.utf8), file: "monitor.json")
    }

    private func assertInvalid(
        _ body: @autoclosure () throws -> Any?, key: String, found: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case let .invalid(name, path, _, shown)? = error as? ConfigError else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(name, "monitor.json", file: file, line: line)
            XCTAssertEqual(path, key, file: file, line: line)
            XCTAssertEqual(shown, found, file: file, line: line)
        }
    }

    func testTrueIsNotOneAndOneIsNotTrue() throws {
        let json = #"{"polling": {"flag": true, "one": 1, "whole": 1.0, "zero": 0, "off": false}}"#
        XCTAssertEqual(try parse(json).object("polling")?.bool("flag"), true)
        XCTAssertEqual(try parse(json).object("polling")?.bool("off"), false)
        assertInvalid(try parse(json).object("polling")?.bool("one"), key: "polling.one", found: "the number 1")
        assertInvalid(try parse(json).object("polling")?.bool("zero"), key: "polling.zero", found: "the number 0")
        assertInvalid(try parse(json).object("polling")?.int("flag", in: 0...10), key: "polling.flag", found: "true")
        assertInvalid(try parse(json).object("polling")?.double("off", in: 0...10), key: "polling.off", found: "false")
        assertInvalid(try parse(json).object("polling")?.duration("flag", in: 0...60), key: "polling.flag", found: "true")
        assertInvalid(try parse(json).object("polling")?.string("one"), key: "polling.one", found: "the number 1")
        XCTAssertEqual(try parse(json).object("polling")?.int("one", in: 0...10), 1)
        XCTAssertEqual(try parse(json).object("polling")?.int("whole", in: 0...10), 1, "1.0 is a whole number")
        XCTAssertEqual(try parse(json).object("polling")?.double("one", in: 0...10), 1.0)
        assertInvalid(try parse(#"{"n": 1.5}"#).int("n", in: 0...10), key: "n", found: "the number 1.5")
    }

    func testBigIntegersAreReadExactlyOrRefusedByName() throws {
        let json = #"{"exact": 999999999999999999, "odd": 9007199254740993, "big": 12345678901234567890, "huge": 1e400}"#
        XCTAssertEqual(try parse(json).int("exact", in: 0...Int.max), 999_999_999_999_999_999)
        XCTAssertEqual(try parse(json).int("odd", in: 0...Int.max), 9_007_199_254_740_993, "2^53 + 1 is not rounded")
        assertInvalid(try parse(json).int("big", in: 0...Int.max), key: "big", found: "the number 12345678901234567890")
        assertInvalid(try parse(json).int("exact", in: 0...1000), key: "exact", found: "the number 999999999999999999")
        assertInvalid(try parse(json).double("huge", in: 0...1e300), key: "huge", found: "the number inf")
        assertInvalid(try parse(json).duration("huge", in: 0...86_400), key: "huge", found: "the number inf")
    }

    func testAKeyGivenTwiceIsAnError() throws {
        assertInvalid(try parse(#"{"brand": "A", "brand": "B"}"#), key: "brand", found: "the key more than once")
        assertInvalid(
            try parse(#"{"escalation": {"levels": [{"name": "cm"}, {"name": "a", "after": "1h", "after": "2h"}]}}"#),
            key: "escalation.levels[1].after", found: "the key more than once")
        XCTAssertEqual(try parse(#"{"a": {"name": 1}, "b": {"name": 2}}"#).keys, ["a", "b"], "the same key in two objects is fine")
    }

    func testSyntaxErrorsSayWhereAndNothingIsRepaired() {
        let cases = [
            ("{\"brand\": \"A\",\n  \"time_zone\": }", "line 2, column 16"),
            ("{\"brand\": \"A\"", "truncated"),
            ("{\"brand\": \"A\"} trailing", "trailing"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try parse(json), json) { error in
                guard case let .malformedJSON(file, reason)? = error as? ConfigError else { return XCTFail("\(error)") }
                XCTAssertEqual(file, "monitor.json")
                XCTAssertTrue(reason.contains(expected), "\(json): \(reason)")
            }
        }
        var invalidUTF8 = Data(#"{"brand": ""#.utf8)
        invalidUTF8.append(0xFF)
        invalidUTF8.append(contentsOf: Data(#""}"#.utf8))
        XCTAssertThrowsError(try ConfigObject.parse(invalidUTF8, file: "monitor.json")) { error in
            XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
        }
        assertInvalid(try parse("[1, 2]"), key: "(top level)", found: "a list")
    }

    func testByteOrderMarkAndNullAndDecode() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(contentsOf: Data(#"{"brand": "Acme", "gone": null, "crisis": {"minimum_volume": 15}}"#.utf8))
        let object = try ConfigObject.parse(data, file: "monitor.json")
        XCTAssertEqual(try object.string("brand"), "Acme")
        XCTAssertNil(try object.string("gone"), "null reads as absent")
        struct Crisis: Decodable {
            var minimumVolume: Int
            enum CodingKeys: String, CodingKey { case minimumVolume = "minimum_volume" }
        }
        XCTAssertEqual(try object.decode("crisis", as: Crisis.self)?.minimumVolume, 15)
        XCTAssertNoThrow(try object.finish())
    }
}
