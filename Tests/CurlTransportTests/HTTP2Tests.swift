import Foundation
import Glibc
import XCTest

@testable import CurlTransport

/// HTTP/2 is used when an https server offers it (ALPN), here nghttpd on 127.0.0.1 with a certificate from a
/// private CA that `TransferLimits.caFile` makes trusted. Skips when nghttpd (Debian's nghttp2-server, which
/// .ci/run installs) or openssl is absent.
final class HTTP2Tests: XCTestCase {
    func testHTTP2IsUsedWhenOfferedAndAPrivateCACanBeTrusted() throws {
        for tool in ["/usr/sbin/nghttpd", "/usr/bin/openssl"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is not installed")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-h2-\(UUID().uuidString)")
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = "<rss version=\"2.0\"><channel><title>h2</title><item><title>hola</title></item></channel></rss>\n"
        try feed.write(to: docs.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: path("san.ext"), atomically: true, encoding: .utf8)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"),
                     "-days", "1", "-subj", "/CN=Vigia test CA"])
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("server.key"), "-out", path("server.csr"),
                     "-subj", "/CN=127.0.0.1"])
        try openssl(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                     "-CAcreateserial", "-out", path("server.pem"), "-days", "1", "-extfile", path("san.ext")])
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/sbin/nghttpd")
        server.arguments = ["--address=127.0.0.1", "--htdocs=" + docs.path, "\(port)", path("server.key"), path("server.pem")]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        XCTAssertTrue(Self.awaitListening(port: port), "nghttpd did not start listening on \(port)")
        let url = URL(string: "https://127.0.0.1:\(port)/feed.xml")!

        let trusted = FeedFetcher(limits: TransferLimits(totalTimeout: 10, caFile: path("ca.pem")))
        let response = try trusted.fetchAll([HTTPRequest(url: url)])[0].get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.httpVersion, "2")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), feed)

        // Without the private CA the same server is a TLS failure, never a silent downgrade to no verification.
        let untrusted = FeedFetcher(limits: TransferLimits(totalTimeout: 10)).fetchAll([HTTPRequest(url: url)])[0]
        guard case .tls? = untrusted.failure else { return XCTFail("expected a TLS failure, got \(untrusted)") }
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0, then closed).
    private static func freePort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                Glibc.bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw XCTSkip("cannot bind a loopback socket") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` within 10 s.
    private static func awaitListening(port: UInt16) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(socket)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "openssl \(arguments.prefix(2).joined(separator: " "))")
    }
}
