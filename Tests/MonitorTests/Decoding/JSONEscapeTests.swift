import XCTest

@testable import Monitor

/// The one JSON string-escape decoder: every escape RFC 8259 names, and totality on what it does not.
final class JSONEscapeTests: XCTestCase {
    private func decode(_ escaped: String) -> (text: String, wellFormed: Bool, consumed: Int) {
        let bytes = Array(escaped.utf8)
        var out: [UInt8] = []
        var index = 0
        var wellFormed = true
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let step = JSONEscape.decode(bytes[...], at: index, into: &out)
                wellFormed = wellFormed && step.wellFormed
                index = step.next
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), wellFormed, index)
    }

    func testEveryEscapeOfTheRFC() {
        XCTAssertEqual(decode(#"\"\\\/\b\f\n\r\t"#).text, "\"\\/\u{8}\u{C}\n\r\t")
        XCTAssertEqual(decode(#"\u00e9\u20AC\u0041"#).text, "é€A")
        XCTAssertEqual(decode(#"\uD83D\uDE00"#).text, "😀")
        XCTAssertTrue(decode(#"\uD83D\uDE00\n"#).wellFormed)
    }

    func testUnpairedSurrogatesAreReplacementCharacters() {
        // The line that trapped `vigia score`: a high surrogate followed by an ordinary escape.
        XCTAssertEqual(decode(#"\uD800\u0041"#).text, "\u{FFFD}A")
        XCTAssertEqual(decode(#"\uD800"#).text, "\u{FFFD}")
        XCTAssertEqual(decode(#"\uDC00\uD800"#).text, "\u{FFFD}\u{FFFD}")
        XCTAssertEqual(decode(#"\uD800\uD800\uDC00"#).text, "\u{FFFD}\u{10000}")
        XCTAssertEqual(decode(#"\uD800x"#).text, "\u{FFFD}x")
        XCTAssertEqual(decode(#"\uDBFF\uDFFF"#).text, "\u{10FFFF}")
        XCTAssertFalse(decode(#"\uD800"#).wellFormed)
    }

    func testMalformedEscapesAreTotal() {
        XCTAssertEqual(decode(#"\u12"#).text, "\u{FFFD}12")
        XCTAssertEqual(decode(#"\uZZZZ"#).text, "\u{FFFD}ZZZZ")
        XCTAssertEqual(decode(#"\uD800\u12"#).text, "\u{FFFD}\u{FFFD}12")
        XCTAssertEqual(decode(#"\q"#).text, "q")
        XCTAssertFalse(decode(#"\q"#).wellFormed)
        XCTAssertFalse(decode(#"\u12"#).wellFormed)
        // Every two-byte escape and every four-byte \u form terminates and moves forward.
        for first in UInt8(0)...UInt8(255) {
            var out: [UInt8] = []
            let step = JSONEscape.decode([UInt8(ascii: "\\"), first], at: 0, into: &out)
            XCTAssertEqual(step.next, 2)
            XCTAssertFalse(out.isEmpty)
        }
    }

    func testTheFeedParserUsesIt() throws {
        let feed = try FeedDecoder.decode(
            Data(#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"a\uD800\u0041b"}]}"#.utf8),
            format: .jsonfeed)
        XCTAssertEqual(feed.items.first?.text, "a\u{FFFD}Ab")
    }
}
