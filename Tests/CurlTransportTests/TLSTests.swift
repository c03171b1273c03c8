import Foundation
import XCTest

@testable import CurlTransport

/// TLS failures are reported as such: an HTTPS server on 127.0.0.1 with a self-signed certificate,
/// and smtps:// against a server that does not speak TLS.
final class TLSTests: XCTestCase {
    private static let httpsScript = #"""
        import http.server, ssl, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass
            def do_GET(self):
                self.send_response(200)
                self.send_header('Content-Length', '2')
                self.end_headers()
                self.wfile.write(b'ok')
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print('LISTENING https://127.0.0.1:%d' % server.server_address[1], flush=True)
        server.serve_forever()
        """#

    func testSelfSignedCertificateIsATLSError() throws {
        try ServerProcess.requirePython()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw XCTSkip("no openssl") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("key.pem").path
        let cert = dir.appendingPathComponent("cert.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "1", "-subj", "/CN=127.0.0.1",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        XCTAssertEqual(openssl.terminationStatus, 0)
        let server = try ServerProcess.script(Self.httpsScript, arguments: [cert, key])
        defer { server.stop() }
        let url = server.url("/feed")
        let result = FeedFetcher(limits: TransferLimits(totalTimeout: 10)).fetchAll([HTTPRequest(url: url)])[0]
        guard case .tls(url, _)? = result.failure else { return XCTFail("expected a TLS failure, got \(result)") }
    }

    func testCredentialsBeyondLoopbackRequireTLS() {
        let remote = SMTPMailer(url: URL(string: "smtp://mail.example.com:587")!, username: "u", password: "p")
        let loopback = SMTPMailer(url: URL(string: "smtp://127.0.0.1:25")!, username: "u", password: "p")
        let anonymous = SMTPMailer(url: URL(string: "smtp://mail.example.com:25")!, username: nil, password: nil)
        XCTAssertTrue(remote.sendsCredentialsOffLoopback)
        XCTAssertFalse(loopback.sendsCredentialsOffLoopback)
        XCTAssertFalse(anonymous.sendsCredentialsOffLoopback)
    }

    func testSMTPSAgainstAPlainServerIsATLSError() throws {
        try ServerProcess.requirePython()
        let plain = try ServerProcess.script(
            "import socket\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(4)\n"
                + "print('LISTENING smtps://127.0.0.1:%d' % s.getsockname()[1], flush=True)\n"
                + "while True:\n    c, _ = s.accept(); c.sendall(b'220 plain SMTP, no TLS here\\r\\n')\n")
        defer { plain.stop() }
        let mailer = SMTPMailer(url: plain.baseURL, username: "u", password: "p", timeout: 5)
        let message = MailMessage(
            from: "a@example.com", to: ["b@example.com"], subject: "s", body: "b",
            messageID: "m@x", date: Date())
        XCTAssertThrowsError(try mailer.send(message)) { error in
            guard case .tls? = error as? TransportError else { return XCTFail("\(error)") }
        }
    }
}
