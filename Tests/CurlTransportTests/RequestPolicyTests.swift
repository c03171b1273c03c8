import CurlTransport
import Foundation
import XCTest

/// Schemes, redirects, request headers and content encodings, against a small Python server on 127.0.0.1.
final class RequestPolicyTests: XCTestCase {
    private var server: ServerProcess!
    private let fetcher = FeedFetcher(limits: TransferLimits())

    override func setUpWithError() throws {
        try ServerProcess.requirePython()
        server = try ServerProcess.script(auxServerScript)
    }

    override func tearDown() {
        server?.stop()
    }

    private func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vigia-transport-\(UUID().uuidString).xml")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testFileSchemeOnlyWhenFlagged() throws {
        let file = try temporaryFile("<rss version=\"2.0\"><channel/></rss>")
        let results = fetcher.fetchAll([
            HTTPRequest(url: file), HTTPRequest(url: file, allowFileScheme: true),
        ])
        XCTAssertEqual(results[0].failure, .fileSchemeNotAllowed(url: file))
        let response = try results[1].get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "<rss version=\"2.0\"><channel/></rss>")
    }

    func testMissingFileIsUnreadable() {
        let missing = URL(fileURLWithPath: "/nonexistent/vigia/feed.xml")
        let result = fetcher.fetchAll([HTTPRequest(url: missing, allowFileScheme: true)])[0]
        XCTAssertEqual(result.failure, .fileUnreadable(url: missing))
    }

    func testRedirectToFileSchemeIsRefusedEvenWhenFileIsAllowed() throws {
        let target = "file:///etc/passwd"
        let url = server.url("/redirect?to=\(target)")
        for allowFile in [false, true] {
            let result = fetcher.fetchAll([HTTPRequest(url: url, allowFileScheme: allowFile)])[0]
            XCTAssertEqual(
                result.failure, .forbiddenRedirect(url: url, location: target), "allowFileScheme \(allowFile)")
        }
    }

    func testRedirectWithinHTTPIsFollowed() throws {
        let target = server.url("/echo").absoluteString
        let response = try fetcher.fetchAll([HTTPRequest(url: server.url("/redirect?to=\(target)"))])[0].get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.effectiveURL.absoluteString, target)
        XCTAssertEqual(response.headers["content-type"], "application/json")
        XCTAssertNil(response.headers["location"], "headers of the redirect itself are dropped")
    }

    func testUserAgentAndCustomHeadersAreSent() throws {
        let request = HTTPRequest(
            url: server.url("/echo"), headers: [("Authorization", "Bearer t0ken"), ("X-Empty", "")])
        let response = try fetcher.fetchAll([request])[0].get()
        let echoed = try JSONDecoder().decode([String: String].self, from: response.body)
        XCTAssertEqual(echoed["user-agent"], "Vigia/\(vigiaVersion) (+self-hosted reputation monitor)")
        XCTAssertEqual(echoed["authorization"], "Bearer t0ken")
        XCTAssertEqual(echoed["x-empty"], "")
        XCTAssertTrue(echoed["accept-encoding"]?.contains("gzip") ?? false)
    }

    func testPostSendsTheBodyAndDoesNotFollowRedirectsWithIt() throws {
        let body = Data(#"{"text":"crisis: cobro duplicado ñ"}"#.utf8)
        let request = HTTPRequest(url: server.url("/post"), headers: [("Content-Type", "application/json")], body: body)
        let response = try fetcher.fetchAll([request])[0].get()
        let echoed = try JSONDecoder().decode([String: String].self, from: response.body)
        XCTAssertEqual(echoed["method"], "POST")
        XCTAssertEqual(echoed["body"], #"{"text":"crisis: cobro duplicado ñ"}"#)
        XCTAssertEqual(echoed["content-type"], "application/json")
        let moved = try fetcher.fetchAll([HTTPRequest(url: server.url("/post-redirect"), body: body)])[0].get()
        XCTAssertEqual(moved.status, 307, "a notification is not re-sent to wherever a redirect points")
        let empty = try fetcher.fetchAll([HTTPRequest(url: server.url("/post"), body: Data())])[0].get()
        XCTAssertEqual(try JSONDecoder().decode([String: String].self, from: empty.body)["body"], "")
    }

    func testHeaderInjectionIsRefusedWithoutLeakingTheValue() {
        let url = server.url("/echo")
        let request = HTTPRequest(url: url, headers: [("Authorization", "secret-value\r\nX-Evil: 1")])
        let result = fetcher.fetchAll([request])[0]
        XCTAssertEqual(result.failure, .invalidHeader(url: url, name: "Authorization"))
        XCTAssertFalse(result.failure?.description.contains("secret-value") ?? true)
        let badName = fetcher.fetchAll([HTTPRequest(url: url, headers: [("Bad Name", "v")])])[0]
        XCTAssertEqual(badName.failure, .invalidHeader(url: url, name: "Bad?Name"))
    }

    func testGzipDeflateAndBrotliBodiesAreDecoded() throws {
        let expected = (0..<2000).map { "line \($0) of a compressible feed body\n" }.joined()
        for path in ["/gzip", "/deflate", "/br"] {
            let response = try fetcher.fetchAll([HTTPRequest(url: server.url(path))])[0].get()
            XCTAssertEqual(response.status, 200, path)
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), expected, path)
        }
    }

    func testRepeatedHeaderLastValueWinsAndNamesAreLowercased() throws {
        let response = try fetcher.fetchAll([HTTPRequest(url: server.url("/dup"))])[0].get()
        XCTAssertEqual(response.headers["x-dup"], "second")
        XCTAssertEqual(response.headers["etag"], "\"abc\"")
    }

    func testPerHostConcurrencyIsBounded() throws {
        let limits = TransferLimits(maxConcurrent: 32, maxPerHost: 3)
        let requests = (0..<12).map { HTTPRequest(url: server.url("/sleep?ms=200&n=\($0)")) }
        let results = FeedFetcher(limits: limits).fetchAll(requests)
        XCTAssertTrue(results.allSatisfy { (try? $0.get().status) == 200 })
        let peak = try fetcher.fetchAll([HTTPRequest(url: server.url("/peak"))])[0].get()
        XCTAssertEqual(String(decoding: peak.body, as: UTF8.self), "3", "peak requests in flight to one host")
    }

    func testTotalConcurrencyIsBoundedAcrossHosts() throws {
        // 127.0.0.1 and localhost are different hosts to the schedule but the same server.
        let limits = TransferLimits(maxConcurrent: 2, maxPerHost: 4)
        let port = server.baseURL.port!
        let requests = (0..<8).map { index in
            HTTPRequest(url: URL(string: "http://\(index % 2 == 0 ? "127.0.0.1" : "localhost"):\(port)/sleep?ms=150")!)
        }
        let results = FeedFetcher(limits: limits).fetchAll(requests)
        XCTAssertTrue(results.allSatisfy { (try? $0.get().status) == 200 }, "\(results)")
        let peak = try fetcher.fetchAll([HTTPRequest(url: server.url("/peak"))])[0].get()
        XCTAssertEqual(String(decoding: peak.body, as: UTF8.self), "2", "peak requests in flight overall")
    }

    func testErrorDescriptionsRedactCredentialsInURLs() {
        let url = URL(string: "http://user:hunter2@127.0.0.1:9/feed")!
        let text = TransportError.couldNotConnect(url: url, reason: "refused").description
        XCTAssertFalse(text.contains("hunter2"))
        XCTAssertTrue(text.contains("127.0.0.1:9/feed"))
    }
}
