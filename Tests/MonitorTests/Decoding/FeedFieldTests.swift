import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The field rules the feedparser suite checks, on documents shaped like real feeds (Vigía's own cases).
final class FeedFieldTests: XCTestCase {
    private func item(_ xml: String, base: String? = nil) throws -> FeedItem {
        try XCTUnwrap(FeedDecoder.decode(Data(xml.utf8), format: .auto, base: base).items.first)
    }

    func testPeopleWrittenAsOneString() {
        let cases: [(String, Author?)] = [
            ("Ana Pérez (ana@example.es)", Author(name: "Ana Pérez", handle: "ana@example.es")),
            ("ana@example.es (Ana Pérez)", Author(name: "Ana Pérez", handle: "ana@example.es")),
            ("Ana Pérez <ana@example.es>", Author(name: "Ana Pérez", handle: "ana@example.es")),
            ("mailto:ana@example.es", Author(name: nil, handle: "ana@example.es")),
            ("Ana Pérez", Author(name: "Ana Pérez")),
            ("  ", nil),
        ]
        for (text, expected) in cases { XCTAssertEqual(PersonText.author(text), expected, text) }
    }

    func testAForeignModuleNeverStandsInForACoreElement() throws {
        let rss = """
            <rss version="2.0" xmlns:shop="https://shop.example/ns/" xmlns:c="http://purl.org/rss/1.0/modules/content/">
            <channel><item><shop:title>internal SKU 1234</shop:title><title>Pedido retrasado</title>
            <c:encoded>&lt;p&gt;Llevo una semana esperando&lt;/p&gt;</c:encoded></item></channel></rss>
            """
        let found = try item(rss)
        XCTAssertEqual(found.title, "Pedido retrasado")
        XCTAssertEqual(found.text, "Llevo una semana esperando")
    }

    func testDeclaredTypesDecideHowTextIsRead() throws {
        func atom(_ content: String) -> String {
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\(content)</entry></feed>"
        }
        XCTAssertEqual(try item(atom(#"<content type="text">2 &lt; 3 &amp; &lt;b&gt;</content>"#)).text, "2 < 3 & <b>")
        XCTAssertEqual(
            try item(atom(#"<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">the &lt;blink&gt; tag</div></content>"#)).text,
            "the <blink> tag")
        XCTAssertEqual(try item(atom(#"<content type="html">&lt;b&gt;bold&lt;/b&gt;</content>"#)).text, "bold")
        XCTAssertEqual(
            try item(atom(#"<content type="xhtml"><div><![CDATA[kept <b>too</b>]]></div></content>"#)).text, "kept too")
        XCTAssertEqual(
            try item(atom(#"<content type="application/octet-stream">PGI+YmFzZTY0PC9iPg==</content>"#)).text, "base64")
        XCTAssertEqual(
            try item(#"<rss><channel><item><body xmlns="http://www.w3.org/1999/xhtml"><p>cuerpo</p></body></item></channel></rss>"#).text,
            "cuerpo")
    }

    func testTheLastDateElementWins() throws {
        let found = try item("<rss><channel><item><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"
            + "<pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>")
        XCTAssertEqual(found.publishedAt, FeedDate.parse("2024-01-02T00:00:00Z"))
    }

    func testRelativeLinksUseTheHTTPBase() throws {
        let rss = "<rss><channel><link>https://shop.example/</link><item><link>/p/1</link></item></channel></rss>"
        XCTAssertEqual(try item(rss).url, "https://shop.example/p/1")
        let served = FeedDecoder.documentBase(
            url: URL(string: "https://cdn.example/feeds/x.rss")!, contentLocation: "https://shop.example/feeds/x.rss")
        XCTAssertEqual(served, "https://shop.example/feeds/x.rss")
        XCTAssertEqual(try item(rss, base: served).url, "https://shop.example/p/1")
        XCTAssertEqual(
            FeedDecoder.documentBase(url: URL(string: "https://cdn.example/a/x.rss")!, contentLocation: "../b/y.rss"),
            "https://cdn.example/b/y.rss")
        XCTAssertNil(FeedDecoder.documentBase(url: URL(fileURLWithPath: "/tmp/x.rss"), contentLocation: nil))
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>/e/1</id><link href=\"e/1\"/></entry></feed>"
        let entry = try item(atom, base: "http://127.0.0.1:8097/feeds/atom.xml")
        XCTAssertEqual(entry.id, "http://127.0.0.1:8097/e/1")
        XCTAssertEqual(entry.url, "http://127.0.0.1:8097/feeds/e/1")
    }

    func testMicrosoftCDF() throws {
        let found = try item(#"<CHANNEL><ITEM HREF="http://example.org/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>Uno</TITLE><ABSTRACT>Resumen</ABSTRACT></ITEM></CHANNEL>"#)
        XCTAssertEqual(found.title, "Uno")
        XCTAssertEqual(found.text, "Resumen")
        XCTAssertEqual(found.url, "http://example.org/1")
        XCTAssertEqual(found.publishedAt, FeedDate.parse("2004-04-07T04:05:43Z"))
    }
}
