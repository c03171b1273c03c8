import CurlTransport
import Foundation
import XCTest

/// Issue 13.12: configured headers (an `X-Api-Key`, a bearer token) go only to the origin they were configured
/// for. libcurl strips Authorization and Cookie on a redirect to another host but forwards every other custom
/// header; two loopback servers on different ports are two origins.
final class CrossOriginRedirectTests: XCTestCase {
    private var first: ServerProcess!
    private var second: ServerProcess!
    private let fetcher = FeedFetcher(limits: TransferLimits())

    override func setUpWithError() throws {
        try ServerProcess.requirePython()
        first = try ServerProcess.script(auxServerScript)
        second = try ServerProcess.script(auxServerScript)
    }

    override func tearDown() {
        first?.stop()
        second?.stop()
    }

    private let secrets: [(name: String, value: String)] = [
        ("X-Api-Key", "k3y-s3cret"), ("Authorization", "Bearer t0ken"), ("X-Custom-Token", "abc123"),
    ]

    private func echoed(_ url: URL, headers: [(name: String, value: String)]) throws -> [String: String] {
        let response = try fetcher.fetchAll([HTTPRequest(url: url, headers: headers)])[0].get()
        XCTAssertEqual(response.status, 200)
        return try JSONDecoder().decode([String: String].self, from: response.body)
    }

    func testConfiguredHeadersAreNotSentToAnotherOrigin() throws {
        let target = second.url("/echo").absoluteString
        let echo = try echoed(first.url("/redirect?to=\(target)"), headers: secrets)
        for header in ["x-api-key", "authorization", "x-custom-token"] {
            XCTAssertNil(echo[header], "\(header) reached the other origin: \(echo)")
        }
        XCTAssertNotNil(echo["user-agent"], "the redirect was followed: \(echo)")
    }

    func testTheSameOriginStillGetsThem() throws {
        let target = first.url("/echo").absoluteString
        let echo = try echoed(first.url("/redirect?to=\(target)"), headers: secrets)
        XCTAssertEqual(echo["x-api-key"], "k3y-s3cret")
        XCTAssertEqual(echo["x-custom-token"], "abc123")
        let response = try fetcher.fetchAll([HTTPRequest(url: first.url("/redirect?to=\(target)"), headers: secrets)])[0].get()
        XCTAssertEqual(response.effectiveURL.absoluteString, target)
    }

    func testARelativeRedirectStaysOnTheOrigin() throws {
        let echo = try echoed(first.url("/redirect?to=/echo"), headers: secrets)
        XCTAssertEqual(echo["x-api-key"], "k3y-s3cret")
    }

    func testLimitsStillHoldWhenVigiaFollows() throws {
        let limited = FeedFetcher(limits: TransferLimits(maxRedirects: 3))
        var chain = "/echo"
        for _ in 0..<4 { chain = "/redirect?to=" + chain.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let file = first.url("/redirect?to=file:///etc/passwd")
        let results = limited.fetchAll([HTTPRequest(url: file, headers: secrets), HTTPRequest(url: first.url(chain), headers: secrets)])
        XCTAssertEqual(results[0].failure, .forbiddenRedirect(url: file, location: "file:///etc/passwd"))
        XCTAssertEqual(results[1].failure, .tooManyRedirects(url: first.url(chain), limit: 3))
    }
}
