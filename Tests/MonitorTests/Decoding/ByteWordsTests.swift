import Foundation
import XCTest

@testable import Monitor

/// The word-at-a-time searches give the same answers as a byte loop, wherever in a word the byte sits, and the
/// text passes built on them keep their rules at every alignment.
final class ByteWordsTests: XCTestCase {
    func testFirstOfFindsTheFirstNeedleAtEveryOffset() {
        // 0xBC and 0xA6 differ from "<" and "&" only in the high bit; 0x3D and 0x25 are their neighbours.
        let fillers: [UInt8] = [UInt8(ascii: "a"), 0xBC, 0xA6, 0x3D, 0x25, 0x00, 0xFF]
        for filler in fillers {
            for length in 0..<20 {
                for needleAt in 0...length {
                    var bytes = [UInt8](repeating: filler, count: length)
                    if needleAt < length { bytes[needleAt] = needleAt % 2 == 0 ? UInt8(ascii: "<") : UInt8(ascii: "&") }
                    bytes.withUnsafeBufferPointer { p in
                        // Every start within the first word and a half; the end at the document's end or the needle.
                        for start in 0...min(length, 11) {
                            for end in Set([length, max(start, needleAt), max(start, needleAt + 1)]) where end <= length {
                                let expected = (start..<end).first { p[$0] == 0x3C || p[$0] == 0x26 } ?? end
                                XCTAssertEqual(ByteWords.firstOf(p, 0x3C, 0x26, from: start, end: end), expected)
                                let four = ByteWords.firstOf(p, 0x3E, 0x3C, 0x22, 0x26, from: start, end: end)
                                XCTAssertEqual(four, expected)
                            }
                        }
                    }
                }
            }
        }
    }

    func testProseRulesHoldAtEveryAlignment() {
        for before in 0..<20 {
            for after in 1..<12 {
                let left = String(repeating: "x", count: before)
                let right = String(repeating: "y", count: after)
                let joined = left.isEmpty ? right : left + " " + right
                XCTAssertEqual(PlainText.fromHTML(left + "  " + right).text, joined, "double space at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + " \n" + right).text, joined, "newline at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "\u{A0}" + right).text, joined, "NBSP at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "\u{2028}" + right).text, joined, "LS at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "\u{1}" + right).text, left + right, "control at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "\u{85}" + right).text, left + right, "C1 at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "<b>" + right).text, left + right, "tag at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "&amp;" + right).text, left + "&" + right, "entity at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + " " + right + " ").text, joined, "trailing at \(before)")
                XCTAssertEqual(PlainText.fromHTML(left + "é ñ" + right).text, left + "é ñ" + right, "UTF-8 at \(before)")
            }
        }
    }

    func testTagsWithQuotedValuesEndWhereTheByteLoopEnded() throws {
        for pad in 0..<12 {
            let filler = String(repeating: "z", count: pad)
            // A ">" inside quotes does not end a tag; a "<" does, even inside quotes; an unclosed tag is text.
            XCTAssertEqual(PlainText.fromHTML("<a title=\"\(filler)>\(filler)\">text</a>").text, "text", "pad \(pad)")
            XCTAssertEqual(PlainText.fromHTML("<a title='\(filler)<b>x</b>").text, "x", "pad \(pad)")
            XCTAssertEqual(PlainText.fromHTML("text <img alt=\"\(filler)").text, "text <img alt=\"\(filler)", "pad \(pad)")
            let document = "<rss><channel><item><title a=\"\(filler)>\">T\(filler)</title></item></channel></rss>"
            let items = try FeedDecoder.decode(Data(document.utf8), format: .rss).items
            XCTAssertEqual(items.first?.title, "T\(filler)", "pad \(pad)")
        }
    }
}
