import Foundation
import XCTest

@testable import Monitor

final class PlainTextTests: XCTestCase {
    private func rssTitle(_ inner: String) throws -> String? {
        let document =
            "<rss><channel><item><title>\(inner)</title><description>\(inner)</description></item></channel></rss>"
        return try FeedDecoder.decode(Data(document.utf8), format: .rss).items.first?.title
    }

    func testHTMLIsStrippedAndEntitiesDecoded() {
        let cases: [(String, String)] = [
            ("<p>Hello <b>world</b></p><p>again</p>", "Hello world again"),
            ("caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e", "café & crème brûlée"),
            ("&#8220;quoted&#8221; &#x2014; &#169;", "“quoted” — ©"),
            ("a < b and c > d", "a < b and c > d"),
            ("<script>alert(1)</script>visible<style>p{}</style>", "visible"),
            ("line<br/>break<br>again", "line break again"),
            ("<!-- hidden -->shown", "shown"),
            ("  lots \n\t of   space  ", "lots of space"),
            ("AT&T &unknown; &amp", "AT&T &unknown; &amp"),
            ("<a href=\"x>y\">link</a>", "link"),
            ("nul\u{0}and\u{7}bell\u{85}", "nulandbell"),
            ("&#0;&#xD800;&#1114112;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&#150;", "–"),
        ]
        for (html, text) in cases {
            XCTAssertEqual(PlainText.fromHTML(html).text, text, html)
        }
    }

    func testEscapedHTMLAndCDATAInXML() throws {
        XCTAssertEqual(try rssTitle("&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;"), "Escaped HTML")
        XCTAssertEqual(try rssTitle("<![CDATA[<p>In CDATA &amp; <i>tags</i></p>]]>"), "In CDATA & tags")
        XCTAssertEqual(try rssTitle("&amp;eacute; double-escaped"), "é double-escaped")
        XCTAssertEqual(try rssTitle("Tom &amp; Jerry"), "Tom & Jerry")
    }

    func testHugeFieldsAreCutAtTheCapWithoutSplittingACharacter() {
        let result = PlainText.fromHTML(String(repeating: "é", count: 100_000))
        XCTAssertTrue(result.truncated)
        XCTAssertLessThanOrEqual(result.text.utf8.count, PlainText.maxFieldBytes)
        XCTAssertEqual(Set(result.text), ["é"])
    }

    func testInvalidUTF8IsRepairedWhenUTF8IsDeclared() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>ok ".utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array(" end</title></item></channel></rss>".utf8)
        let feed = try FeedDecoder.decode(Data(bytes), format: .auto)
        XCTAssertEqual(feed.items.first?.title, "ok \u{FFFD}\u{FFFD} end")
        XCTAssertTrue(feed.problems.contains { $0.contains("invalid UTF-8") }, "\(feed.problems)")
    }

    /// Undeclared and not UTF-8: a legacy feed (rss-parser's uolNoticias is Latin-1 with no declaration).
    func testUndeclaredNonUTF8XMLIsReadAsWindows1252() throws {
        let bytes =
            Array("<rss><channel><item><title>".utf8) + [
                0xDA, 0x6C, 0x74, 0x69, 0x6D, 0x61, 0x73, 0x20, 0x93, 0x6F, 0x6B, 0x94,
            ]
            + Array("</title></item></channel></rss>".utf8)
        let feed = try FeedDecoder.decode(Data(bytes), format: .auto)
        XCTAssertEqual(feed.items.first?.title, "Últimas “ok”")
        XCTAssertTrue(feed.problems.contains { $0.contains("Windows-1252") }, "\(feed.problems)")
        let uol = try FeedDecoder.decode(DecodingCorpus.data("rss/rss-parser__uolNoticias.rss"), format: .auto)
        XCTAssertEqual(
            uol.items.first?.title, "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno")
    }
}
