import Foundation
import XCTest

@testable import CurlTransport

/// The RFC 5322 bytes, without a server: sanitising, encoding, folding, body transfer encodings.
final class MailRendererTests: XCTestCase {
    private func render(
        subject: String = "s", body: String = "b", from: String = "a@example.com",
        to: [String] = ["b@example.com"], id: String = "x@y",
        extra: [(name: String, value: String)] = []
    ) throws -> (head: [String], body: String) {
        let message = MailMessage(
            from: from, to: to, subject: subject, body: body, messageID: id,
            date: Date(timeIntervalSince1970: 0), extraHeaders: extra)
        let text = String(decoding: try MailRenderer(message).bytes, as: UTF8.self)
        let split = try XCTUnwrap(text.range(of: "\r\n\r\n"))
        return (text[..<split.lowerBound].components(separatedBy: "\r\n"), String(text[split.upperBound...]))
    }

    func testEveryControlCharacterIsRemovedFromHeaderValues() throws {
        let hostile = "a\rb\nc\u{0}d\u{1B}e\u{7F}f\u{85}g\u{2028}h\ti"
        let head = try render(subject: hostile).head
        XCTAssertTrue(head.contains("Subject: a b c d e f g h i"), "\(head)")
        XCTAssertFalse(head.joined().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    func testLongASCIISubjectIsFoldedAtSpaces() throws {
        let subject = (1...40).map { "word\($0)" }.joined(separator: " ")
        let head = try render(subject: subject).head
        let start = try XCTUnwrap(head.firstIndex { $0.hasPrefix("Subject: ") })
        let lines = head[start...].prefix { $0 == head[start] || $0.hasPrefix(" ") }
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 78 })
        XCTAssertEqual(MailDecoding.unfoldedSubject(head), subject)
    }

    func testASCIITextThatLooksEncodedIsEncodedItself() throws {
        let head = try render(subject: "=?UTF-8?B?ZXZpbA==?=").head
        XCTAssertEqual(MailDecoding.unfoldedSubject(head), "=?UTF-8?B?ZXZpbA==?=")
    }

    func testEncodedWordsNeverSplitACharacter() {
        let words = MailHeaderText.encodedWords(String(repeating: "😡ñ", count: 40))
        for word in words {
            let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            XCTAssertNotNil(data.flatMap { String(data: $0, encoding: .utf8) }, word)
            XCTAssertLessThanOrEqual(word.count, 75)
        }
    }

    func testDisplayNamesAreQuotedOrEncoded() throws {
        let head = try render(from: "Equipo \"Soporte\", Madrid <s@example.com>", to: ["Ana <ana@example.com>"]).head
        XCTAssertTrue(head.contains("From: \"Equipo \\\"Soporte\\\", Madrid\" <s@example.com>"), "\(head)")
        XCTAssertTrue(head.contains("To: Ana <ana@example.com>"))
    }

    func testMessageIDIsNormalised() throws {
        XCTAssertTrue(try render(id: "<evt-1.ana@vigia>").head.contains("Message-ID: <evt-1.ana@vigia>"))
        XCTAssertTrue(try render(id: "evt 1\r\n>x").head.contains("Message-ID: <evt1x@vigia.invalid>"))
    }

    func testPlainASCIIBodyIs7bitWithCRLF() throws {
        let mail = try render(body: "one\ntwo\r\nthree")
        XCTAssertTrue(mail.head.contains("Content-Transfer-Encoding: 7bit"))
        XCTAssertEqual(mail.body, "one\r\ntwo\r\nthree\r\n")
    }

    func testQuotedPrintableKeepsLinesShortAndRoundTrips() throws {
        let body = String(repeating: "é=x ", count: 100) + "\ntrailing space \n" + String(repeating: "a", count: 1200)
        let mail = try render(body: body)
        XCTAssertTrue(mail.head.contains("Content-Transfer-Encoding: quoted-printable"))
        XCTAssertTrue(mail.body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        XCTAssertTrue(mail.body.contains("trailing space=20"))
        XCTAssertEqual(
            MailDecoding.quotedPrintable(mail.body), body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    func testBadInputsAreRefused() {
        XCTAssertThrowsError(try render(to: []))
        XCTAssertThrowsError(try render(to: ["no-at-sign"]))
        XCTAssertThrowsError(try render(to: ["two@@example.com"]))
        XCTAssertThrowsError(try render(to: ["josé@example.com"]))
        XCTAssertThrowsError(try render(extra: [("Content-Type", "text/html")]))
        XCTAssertThrowsError(try render(extra: [("Bad:Name", "v")]))
        XCTAssertNoThrow(try render(extra: [("Reply-To", "soporte@example.com")]))
    }
}
