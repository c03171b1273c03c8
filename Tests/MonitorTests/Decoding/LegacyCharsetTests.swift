import XCTest

@testable import Monitor

/// Feeds in charsets Foundation does not convert on Linux (GB2312, Big5, EUC-KR, KOI8-R) go through iconv; a bad
/// byte sequence becomes U+FFFD with a note, and an unknown charset name is read as UTF-8 with a note.
final class LegacyCharsetTests: XCTestCase {
    private func rss(_ charset: String, title: [UInt8]) -> Data {
        Data(Array("<?xml version=\"1.0\" encoding=\"\(charset)\"?><rss version=\"2.0\"><channel><item><title>".utf8)
            + title + Array("</title><guid>1</guid></item></channel></rss>".utf8))
    }

    func testCJKAndCyrillicCharsetsAreTranscoded() throws {
        let cases: [(String, [UInt8], String)] = [
            ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9], "한국"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
        ]
        for (charset, bytes, expected) in cases {
            let decoded = try FeedDecoder.decode(rss(charset, title: bytes), format: .auto)
            XCTAssertEqual(decoded.items.first?.title, expected, charset)
            XCTAssertEqual(decoded.problems, [], charset)
        }
    }

    func testAnInvalidSequenceIsReplacedAndReported() throws {
        // 0xFF is not a GB2312 lead byte.
        let decoded = try FeedDecoder.decode(rss("gb2312", title: [0xD6, 0xD0, 0xFF, 0xCE, 0xC4]), format: .auto)
        XCTAssertEqual(decoded.items.first?.title, "中\u{FFFD}文")
        XCTAssertTrue(decoded.problems.contains { $0.contains("not valid gb2312") }, "\(decoded.problems)")
    }

    func testAnUnknownCharsetIsReadAsUTF8WithANote() throws {
        let decoded = try FeedDecoder.decode(rss("x-no-such-charset", title: Array("hola".utf8)), format: .auto)
        XCTAssertEqual(decoded.items.first?.title, "hola")
        XCTAssertTrue(decoded.problems.contains { $0.contains("unsupported charset") }, "\(decoded.problems)")
    }
}
