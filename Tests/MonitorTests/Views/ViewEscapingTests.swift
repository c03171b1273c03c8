import ReputationCore
import XCTest

@testable import Monitor

/// Post text is hostile until proven otherwise: nothing in it may become markup in OPEN.md or report.html.
final class ViewEscapingTests: XCTestCase {
    func testHTMLEscapesMarkupQuotesAndControls() {
        XCTAssertEqual(
            HTMLText.escape("<img src=x onerror=\"alert('1')\"> & co\u{07}"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co")
        XCTAssertEqual(HTMLText.escape("línea 1\nlínea 2"), "línea 1\nlínea 2")
    }

    func testOnlyHTTPLinksSurvive() {
        XCTAssertEqual(HTMLText.safeURL("https://x.test/a?b=1"), "https://x.test/a?b=1")
        XCTAssertNil(HTMLText.safeURL("javascript:alert(1)"))
        XCTAssertNil(HTMLText.safeURL(" JaVaScRiPt:alert(1)"))
        XCTAssertNil(HTMLText.safeURL("data:text/html,<script>"))
        XCTAssertNil(HTMLText.safeURL("https://x.test/a b"))
        XCTAssertNil(HTMLText.safeURL(nil))
    }

    func testMarkdownQuoteNeutralisesSyntaxAndKeepsLines() {
        let quoted = MarkdownText.quote(
            "# Title\n\n| a | b |\n*bold* `code` <b>x</b> [l](javascript:x)\n1. item\n    indented")
        XCTAssertEqual(
            quoted,
            """
            > \\# Title
            >
            > \\| a \\| b \\|
            > \\*bold\\* \\`code\\` &lt;b&gt;x&lt;/b&gt; \\[l\\](javascript:x)
            > 1\\. item
            > indented
            """)
    }

    func testMarkdownInlineFoldsNewlinesAndEscapesHTML() {
        XCTAssertEqual(MarkdownText.inline("a\nb\r\nc <script>"), "a b c &lt;script&gt;")
        XCTAssertEqual(MarkdownText.inline("- not a list"), "\\- not a list")
        XCTAssertEqual(MarkdownText.inline("AT&T"), "AT&amp;T")
    }

    func testLocalTimesCarryTheirOffset() {
        let noon = ISOTime.parse("2026-11-23T12:00:00Z")!
        XCTAssertEqual(ViewTime.local(noon, in: TimeZone(identifier: "Europe/Madrid")!), "2026-11-23 13:00 UTC+1")
        XCTAssertEqual(ViewTime.local(noon, in: TimeZone(identifier: "Asia/Kolkata")!), "2026-11-23 17:30 UTC+5:30")
        XCTAssertEqual(ViewTime.local(noon, in: TimeZone(identifier: "America/New_York")!), "2026-11-23 07:00 UTC-5")
        XCTAssertEqual(ViewTime.local(noon, in: TimeZone(identifier: "UTC")!), "2026-11-23 12:00 UTC")
    }

    func testMarkdownLinksOnlyForHTTPAndCannotBreakOut() {
        XCTAssertNil(MarkdownText.link("post", "javascript:alert(1)"))
        XCTAssertEqual(MarkdownText.link("post", "https://x.test/a_(b)"), "[post](https://x.test/a_%28b%29)")
    }

    func testVerbatimFenceOutlastsBackticksInside() {
        XCTAssertEqual(
            MarkdownText.verbatim("Hola @ana_b, <b>gracias</b>"), "```text\nHola @ana_b, <b>gracias</b>\n```")
        XCTAssertEqual(MarkdownText.verbatim("a ```` b\n```"), "`````text\na ```` b\n```\n`````")
        XCTAssertEqual(MarkdownText.verbatim("Hola \u{1B}[31mAna\u{9B}2J\r\nfin"), "```text\nHola [31mAna2J\nfin\n```")
        XCTAssertEqual(MarkdownText.inline("x\u{1B}]0;title\u{07}y"), "x\\]0;titley")
    }
}
