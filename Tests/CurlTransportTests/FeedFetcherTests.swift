import CurlTransport
import Foundation
import XCTest

/// FeedFetcher against the project's feed server (Tests/Fixtures/feed_server.py) on 127.0.0.1: validators, encodings, caps, faults, timeouts.
final class FeedFetcherTests: XCTestCase {
    private var server: ServerProcess!

    override func setUpWithError() throws {
        try ServerProcess.requirePython()
        server = try ServerProcess.fixture(["--formats", "rss,atom", "--count", "50", "--hang-max", "10"])
    }

    override func tearDown() {
        server?.stop()
    }

    private func fetch(
        _ path: String, limits: TransferLimits = TransferLimits(), headers: [(name: String, value: String)] = []
    )
        -> Result<HTTPResponse, TransportError>
    {
        FeedFetcher(limits: limits).fetchAll([HTTPRequest(url: server.url(path), headers: headers)])[0]
    }

    func testOKCarriesETagAndBody() throws {
        let response = try fetch("/feed/3").get()
        XCTAssertEqual(response.status, 200)
        XCTAssertFalse(response.body.isEmpty)
        XCTAssertFalse(response.truncated)
        XCTAssertNotNil(response.headers["etag"])
        XCTAssertNotNil(response.headers["last-modified"])
        XCTAssertEqual(response.effectiveURL, server.url("/feed/3"))
        XCTAssertGreaterThan(response.elapsed, 0)
    }

    func testConditionalGetGives304WithEmptyBody() throws {
        let first = try fetch("/feed/7").get()
        let etag = try XCTUnwrap(first.headers["etag"])
        let second = try fetch("/feed/7", headers: [("If-None-Match", etag)]).get()
        XCTAssertEqual(second.status, 304)
        XCTAssertTrue(second.body.isEmpty)
        let modified = try XCTUnwrap(first.headers["last-modified"])
        XCTAssertEqual(try fetch("/feed/7", headers: [("If-Modified-Since", modified)]).get().status, 304)
        XCTAssertEqual(try fetch("/feed/7", headers: [("If-None-Match", "\"stale\"")]).get().status, 200)
    }

    func testErrorStatusesAreResponsesWithHeaders() throws {
        XCTAssertEqual(try fetch("/fault/500").get().status, 500)
        XCTAssertEqual(try fetch("/fault/404").get().status, 404)
        let limited = try fetch("/fault/429?retry_after=7").get()
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["retry-after"], "7")
    }

    func testHugeBodyIsCutAtTheCapAndFlagged() throws {
        let limits = TransferLimits(maxBodyBytes: 1 << 20)
        let response = try fetch("/fault/huge?mb=64", limits: limits).get()
        XCTAssertTrue(response.truncated)
        XCTAssertEqual(response.body.count, 1 << 20)
        XCTAssertTrue(response.body.starts(with: Data("<?xml".utf8)))
    }

    func testBodyExactlyAtTheCapIsNotTruncated() throws {
        let full = try fetch("/feed/3").get()
        let limits = TransferLimits(maxBodyBytes: full.body.count)
        let same = try fetch("/feed/3", limits: limits).get()
        XCTAssertFalse(same.truncated)
        XCTAssertEqual(same.body, full.body)
        let cut = try fetch("/feed/3", limits: TransferLimits(maxBodyBytes: full.body.count - 1)).get()
        XCTAssertTrue(cut.truncated)
        XCTAssertEqual(cut.body, full.body.prefix(full.body.count - 1))
    }

    func testGzipBombIsCappedOnDecodedBytesWithBoundedMemory() throws {
        let before = MemoryProbe.resetPeak()
        let limits = TransferLimits(maxBodyBytes: 2 << 20)
        let response = try fetch("/fault/gzip-bomb?mb=512", limits: limits).get()
        XCTAssertTrue(response.truncated)
        XCTAssertEqual(response.body.count, 2 << 20)
        XCTAssertTrue(response.body.allSatisfy { $0 == UInt8(ascii: " ") })
        // 512 MiB inflated would show; the cap keeps growth to the body plus curl's buffers.
        let growth = MemoryProbe.peakResidentBytes() - before
        XCTAssertLessThan(growth, 64 << 20, "peak RSS grew by \(growth) bytes")
    }

    func testRedirectLoopFailsWithTooManyRedirects() {
        let result = fetch("/fault/redirect-loop", limits: TransferLimits(maxRedirects: 3))
        XCTAssertEqual(result.failure, .tooManyRedirects(url: server.url("/fault/redirect-loop"), limit: 3))
        XCTAssertTrue(result.failure?.description.contains("more than 3 redirects") ?? false)
    }

    func testHangTimesOutWithinBudget() {
        let limits = TransferLimits(connectTimeout: 1, totalTimeout: 1)
        let started = Date()
        let result = fetch("/fault/hang?s=8", limits: limits)
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(result.failure, .timedOut(url: server.url("/fault/hang?s=8"), seconds: 1))
        XCTAssertLessThan(waited, 3, "a 1 s budget took \(waited) s")
    }

    func testSlowDripIsAbortedByTheLowSpeedLimit() {
        let limits = TransferLimits(totalTimeout: 20, lowSpeedLimit: 1000, lowSpeedTime: 1)
        let path = "/fault/slow?chunk=10&interval_ms=500"
        let result = fetch(path, limits: limits)
        XCTAssertEqual(result.failure, .tooSlow(url: server.url(path), bytesPerSecond: 1000, seconds: 1))
    }

    func testResetIsAConnectionFailure() {
        guard case .connectionReset(let url, _)? = fetch("/fault/reset").failure else {
            return XCTFail("expected connectionReset, got \(fetch("/fault/reset"))")
        }
        XCTAssertEqual(url, server.url("/fault/reset"))
    }

    func testServerTruncatedBodyIsAnIncompleteBodyError() {
        guard case .incompleteBody? = fetch("/fault/truncated").failure else {
            return XCTFail("expected incompleteBody")
        }
    }

    func testRefusedConnectionIsCouldNotConnect() throws {
        let port = server.baseURL.port!
        server.stop()
        let url = URL(string: "http://127.0.0.1:\(port)/feed/1")!
        let result = FeedFetcher(limits: TransferLimits()).fetchAll([HTTPRequest(url: url)])[0]
        guard case .couldNotConnect(url, _)? = result.failure else { return XCTFail("got \(result)") }
    }

    func testThousandURLsInRequestOrder() throws {
        let urls = (0..<1000).map { server.url("/feed/\($0 % 50)?n=\($0)") }
        let results = FeedFetcher(limits: TransferLimits()).fetchAll(urls.map { HTTPRequest(url: $0) })
        XCTAssertEqual(results.count, 1000)
        for (url, result) in zip(urls, results) {
            let response = try result.get()
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.effectiveURL, url)
            XCTAssertFalse(response.body.isEmpty)
        }
    }

    func testConnectionsAreReusedWithinOneFetch() throws {
        func stats() throws -> [String: Any] {
            let body = try fetch("/stats").get().body
            return try XCTUnwrap(JSONSerialization.jsonObject(with: body) as? [String: Any])
        }
        let before = try stats()
        let limits = TransferLimits(maxConcurrent: 2, maxPerHost: 2)
        let results = FeedFetcher(limits: limits).fetchAll((0..<40).map { HTTPRequest(url: server.url("/feed/\($0)")) })
        XCTAssertTrue(results.allSatisfy { (try? $0.get().status) == 200 })
        let after = try stats()
        let connections = (after["connections"] as? Int ?? 0) - (before["connections"] as? Int ?? 0)
        let requests = (after["requests"] as? Int ?? 0) - (before["requests"] as? Int ?? 0)
        XCTAssertEqual(requests, 41, "40 feeds and the second /stats")
        XCTAssertLessThanOrEqual(connections, 3, "2 kept-alive connections for the feeds, 1 for /stats")
    }

    func testMixedBatchKeepsOrderAndIsolatesFailures() throws {
        let requests = [
            HTTPRequest(url: server.url("/feed/1")),
            HTTPRequest(url: URL(string: "gopher://127.0.0.1/x")!),
            HTTPRequest(url: server.url("/fault/reset")),
            HTTPRequest(url: server.url("/fault/404")),
            HTTPRequest(url: server.url("/feed/2")),
        ]
        let results = FeedFetcher(limits: TransferLimits()).fetchAll(requests)
        XCTAssertEqual(try results[0].get().status, 200)
        XCTAssertEqual(results[1].failure, .unsupportedScheme(url: requests[1].url, scheme: "gopher"))
        XCTAssertNotNil(results[2].failure)
        XCTAssertEqual(try results[3].get().status, 404)
        XCTAssertEqual(try results[4].get().status, 200)
        XCTAssertEqual(FeedFetcher(limits: TransferLimits()).fetchAll([]).count, 0)
    }

    func testAsyncVariantMatchesBlockingOne() async throws {
        let results = await FeedFetcher(limits: TransferLimits()).fetchAllAsync([
            HTTPRequest(url: server.url("/feed/4"))
        ])
        XCTAssertEqual(try results[0].get().status, 200)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
