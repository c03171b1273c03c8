import CurlTransport
import Foundation
import XCTest

/// SMTPMailer against a real SMTP server (aiosmtpd) on 127.0.0.1.
final class SMTPMailerTests: XCTestCase {
    private var server: ServerProcess!
    private var inbox: URL!

    override func setUpWithError() throws {
        try ServerProcess.requirePython()
        let python = "/usr/bin/python3"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import aiosmtpd"]
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            return XCTFail("\(python) cannot import aiosmtpd (Debian package python3-aiosmtpd)")
        }
        inbox = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        server = try ServerProcess.script(smtpSinkScript, arguments: [inbox.path], python: python)
    }

    override func tearDown() {
        server?.stop()
        if let inbox { try? FileManager.default.removeItem(at: inbox) }
    }

    private func message(subject: String, body: String = "Hello.\n") -> MailMessage {
        MailMessage(
            from: "Vigía <alerts@example.com>", to: ["oncall@example.com", "Jefa de Turno <boss@example.com>"],
            subject: subject, body: body, messageID: "task-42.oncall@vigia.example",
            date: Date(timeIntervalSince1970: 1_772_528_700), extraHeaders: [("X-Vigia-Task", "42\r\nBcc: x@y")])
    }

    /// The one received message: envelope lines and the DATA bytes, split into header block and body.
    private func received() throws -> (envelope: [String], headers: [String], body: String) {
        let files = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".eml") }
        XCTAssertEqual(files.count, 1)
        let raw = String(
            decoding: try Data(contentsOf: inbox.appendingPathComponent(try XCTUnwrap(files.first))), as: UTF8.self)
        let (envelope, data) = try XCTUnwrap(
            raw.range(of: "\n\n").map { (raw[..<$0.lowerBound], raw[$0.upperBound...]) })
        let split = try XCTUnwrap(data.range(of: "\r\n\r\n"))
        return (
            envelope.split(separator: "\n").map(String.init),
            data[..<split.lowerBound].components(separatedBy: "\r\n"), String(data[split.upperBound...])
        )
    }

    func testHostileSubjectArrivesWithoutInjectedHeader() throws {
        let mailer = SMTPMailer(url: server.baseURL, username: nil, password: nil, timeout: 10)
        try mailer.send(message(subject: "x\r\nBcc: evil@x"))
        let mail = try received()
        XCTAssertEqual(
            mail.envelope, ["MAIL FROM:alerts@example.com", "RCPT TO:oncall@example.com", "RCPT TO:boss@example.com"])
        XCTAssertFalse(mail.headers.contains { $0.lowercased().hasPrefix("bcc") }, "\(mail.headers)")
        XCTAssertTrue(mail.headers.contains("Subject: x Bcc: evil@x"))
        XCTAssertTrue(mail.headers.contains("X-Vigia-Task: 42 Bcc: x@y"))
        XCTAssertTrue(mail.headers.contains("Message-ID: <task-42.oncall@vigia.example>"))
        XCTAssertTrue(mail.headers.contains("Date: Tue, 03 Mar 2026 09:05:00 +0000"))
        XCTAssertTrue(mail.headers.contains("From: =?UTF-8?B?Vmlnw61h?= <alerts@example.com>"))
        XCTAssertTrue(
            mail.headers.contains("To: oncall@example.com, \"Jefa de Turno\" <boss@example.com>")
                || mail.headers.contains("To: oncall@example.com, Jefa de Turno <boss@example.com>"))
        XCTAssertTrue(mail.headers.contains("MIME-Version: 1.0"))
        XCTAssertTrue(mail.headers.contains("Content-Type: text/plain; charset=utf-8"))
    }

    func testNonASCIISubjectAndBodyRoundTrip() throws {
        let subject = "Queja urgente: envío perdido — cliente muy enfadado 😡 " + String(repeating: "ñ", count: 60)
        let body = "Línea uno\n.empieza con punto\n" + String(repeating: "á", count: 300) + "\nfin  \n"
        let mailer = SMTPMailer(url: server.baseURL, username: nil, password: nil, timeout: 10)
        try mailer.send(message(subject: subject, body: body))
        let mail = try received()
        XCTAssertTrue(mail.headers.allSatisfy { $0.utf8.count <= 78 }, "\(mail.headers)")
        XCTAssertTrue(mail.headers.contains("Content-Transfer-Encoding: quoted-printable"))
        XCTAssertEqual(MailDecoding.unfoldedSubject(mail.headers), subject)
        XCTAssertEqual(
            MailDecoding.quotedPrintable(mail.body), body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    func testLoginWithCredentialsAndRefusalOfBadOnes() throws {
        let good = SMTPMailer(url: server.baseURL, username: "vigia", password: "s3cret", timeout: 10)
        try good.send(message(subject: "authenticated"))
        XCTAssertEqual(try received().envelope.first, "MAIL FROM:alerts@example.com")
        let bad = SMTPMailer(url: server.baseURL, username: "vigia", password: "wrong", timeout: 10)
        XCTAssertThrowsError(try bad.send(message(subject: "nope"))) { error in
            XCTAssertEqual(error as? TransportError, .loginDenied(url: server.baseURL, username: "vigia"))
            XCTAssertFalse("\(error)".contains("wrong"))
        }
    }

    func testInvalidAddressesAndReservedHeadersAreRefusedBeforeSending() {
        let mailer = SMTPMailer(url: server.baseURL, username: nil, password: nil, timeout: 10)
        var bad = message(subject: "s")
        bad.to = ["victim@example.com>\r\nRCPT TO:<evil@example.com"]
        XCTAssertThrowsError(try mailer.send(bad)) { error in
            guard case .invalidAddress? = error as? TransportError else { return XCTFail("\(error)") }
        }
        var reserved = message(subject: "s")
        reserved.extraHeaders = [("Bcc", "evil@example.com")]
        XCTAssertThrowsError(try mailer.send(reserved)) { error in
            guard case .invalidMessage? = error as? TransportError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count, 0)
    }

    func testUnreachableServerFailsWithConnectError() throws {
        let port = server.baseURL.port!
        server.stop()
        let mailer = SMTPMailer(url: server.baseURL, username: nil, password: nil, timeout: 5)
        XCTAssertThrowsError(try mailer.send(message(subject: "s"))) { error in
            guard case .couldNotConnect? = error as? TransportError else { return XCTFail("\(error), port \(port)") }
        }
    }
}
