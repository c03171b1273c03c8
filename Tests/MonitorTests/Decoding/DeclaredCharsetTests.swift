import XCTest

@testable import Monitor

/// Issue 13.16: a feed declaring a single-byte charset whose bytes are valid multi-byte UTF-8 is read as UTF-8,
/// with a warning; a genuine Latin-1 feed still reads as Latin-1.
final class DeclaredCharsetTests: XCTestCase {
    private func rss(_ charset: String, title: [UInt8]) -> Data {
        Data(Array("<?xml version=\"1.0\" encoding=\"\(charset)\"?><rss version=\"2.0\"><channel><item><title>".utf8)
            + title + Array("</title><guid>1</guid></item></channel></rss>".utf8))
    }

    func testUTF8BytesUnderALatinDeclarationAreReadAsUTF8() throws {
        let complaint = "Pésimo servicio, añadieron un cargo: ¡estafa!"
        for charset in ["iso-8859-1", "windows-1252", "iso-8859-2", "windows-1251", "koi8-r", "ISO-8859-15"] {
            let decoded = try FeedDecoder.decode(rss(charset, title: Array(complaint.utf8)), format: .auto)
            XCTAssertEqual(decoded.items.first?.title, complaint, charset)
            XCTAssertTrue(decoded.problems.contains { $0.contains("valid UTF-8") }, "\(charset): \(decoded.problems)")
        }
        let header = try FeedDecoder.decode(
            Data(("<rss version=\"2.0\"><channel><item><title>" + complaint + "</title></item></channel></rss>").utf8),
            format: .auto, contentType: "application/rss+xml; charset=ISO-8859-1")
        XCTAssertEqual(header.items.first?.title, complaint)
    }

    func testGenuineLatin1StaysLatin1() throws {
        let decoded = try FeedDecoder.decode(rss("iso-8859-1", title: [0x50, 0xE9, 0x73, 0x69, 0x6D, 0x6F]), format: .auto)
        XCTAssertEqual(decoded.items.first?.title, "Pésimo")
        XCTAssertEqual(decoded.problems, [])
    }
}
