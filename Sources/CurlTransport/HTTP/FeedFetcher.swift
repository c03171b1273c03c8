import Foundation

/// Fetches many URLs at once over one curl multi handle, driven by the calling thread.
/// Bounded in total and per host (`TransferLimits`); connections, DNS and TLS sessions are reused within a call.
package struct FeedFetcher: Sendable {
    package let limits: TransferLimits

    package init(limits: TransferLimits = TransferLimits()) {
        self.limits = limits
        CurlGlobal.initialize()
    }

    /// Fetch all, concurrently (bounded in total and per host), blocking until every transfer ends.
    /// Results are in request order. Never throws for one bad URL: that result is a failure.
    package func fetchAll(_ requests: [HTTPRequest]) -> [Result<HTTPResponse, TransportError>] {
        var results = [Result<HTTPResponse, TransportError>?](repeating: nil, count: requests.count)
        fetchAll(requests) { index, result in results[index] = result }
        return results.map { $0! }
    }

    /// Fetch all, handing each result to `deliver` (on the calling thread) as soon as its transfer ends, so the
    /// caller can work on it while the others are in flight. Every index is delivered exactly once.
    package func fetchAll(_ requests: [HTTPRequest], deliver: (Int, Result<HTTPResponse, TransportError>) -> Void) {
        CurlGlobal.initialize()
        var delivered = [Bool](repeating: false, count: requests.count)
        var jobs: [(index: Int, host: String)] = []
        for (index, request) in requests.enumerated() {
            if let error = HTTPTransfer.preflight(request) {
                delivered[index] = true
                deliver(index, .failure(error))
            } else {
                jobs.append((index, TransferSchedule.hostKey(of: request.url)))
            }
        }
        var driver = FetchDriver(requests: requests, jobs: jobs, limits: limits)
        driver.run { index, result in
            guard !delivered[index] else { return }
            delivered[index] = true
            deliver(index, result)
        }
        for index in delivered.indices where !delivered[index] {
            deliver(index, .failure(.curl(url: requests[index].url, code: -1, message: "transfer never completed")))
        }
    }

    /// `fetchAll` on a thread of its own, so an async caller does not block a cooperative-pool thread.
    package func fetchAllAsync(_ requests: [HTTPRequest]) async -> [Result<HTTPResponse, TransportError>] {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in continuation.resume(returning: fetchAll(requests)) }
            thread.name = "vigia.fetch"
            thread.start()
        }
    }
}
