import CurlTransport
import Foundation
import ReputationCore

/// What polling one feed produced.
package struct FeedOutcome: Sendable {
    package enum Status: String, Sendable { case ok, notModified = "not_modified", failed, skipped }

    package var feed: FeedConfig
    package var status: Status
    package var format: FeedFormat?
    package var items: [FeedItem] = []
    /// Whose channel each item came from, for source kinds (their streams differ); URL feeds leave it empty: all
    /// their items are `general`.
    package var scopes: [MentionFilter.Scope] = []

    /// Whose channel item `index` came from.
    package func scope(ofItem index: Int) -> MentionFilter.Scope { index < scopes.count ? scopes[index] : .general }
    /// Non-fatal notes from decoding (a truncated body, rejected items) and fatal errors, with the URL.
    package var problems: [String] = []
    package var error: String?
    package var response: HTTPResponse?
    package var cursor: [String: String] = [:]
    /// A source whose rate-limit budget is spent waits until then (other sources go on).
    package var waitUntil: Date?
    /// The failure needs a person (a rejected credential, a missing permission): a source-health task at once.
    package var needsOperator = false
    /// What the feed's servers said the time was (`MachineClockCheck` weighs them against this machine's clock).
    package var serverClocks: [ServerClock] = []
}

/// Fetches feeds concurrently through libcurl and decodes them. Pure with respect to state: the caller decides
/// which feeds are due and what to remember.
package struct FeedPoller: Sendable {
    package var limits: TransferLimits
    package var environment: [String: String]
    /// `alerts/state/`: where source kinds keep their sessions and tokens (nil: none kept).
    package var stateFolder: URL?
    /// The poll's time, for sessions' expiry and rate-limit resets.
    package var now = Date()
    /// `vigia check --fetch`: one page per stream of each source.
    package var checkOnly = false

    package init(limits: TransferLimits, environment: [String: String]) {
        self.limits = limits
        self.environment = environment
    }

    /// Outcomes in the order of `feeds`. Each body is decoded on a second thread as soon as it has arrived, while
    /// the other transfers are still in flight, and dropped once decoded.
    package func poll(_ feeds: [FeedConfig], states: [String: FeedState]) -> [FeedOutcome] {
        let sourceIndexes = feeds.indices.filter { feeds[$0].source != nil }
        guard !sourceIndexes.isEmpty else { return pollURLs(feeds, states: states) }
        // Source kinds make their own requests (sign-in, pages) on threads of their own, while the URL feeds'
        // transfers run together on this one.
        let runner = SourceRunner(limits: limits, environment: environment, stateFolder: stateFolder, now: now, checkOnly: checkOnly)
        let sourceFeeds = sourceIndexes.map { feeds[$0] }
        let sources = BackgroundWork { runner.poll(sourceFeeds, states: states) }
        let urlIndexes = feeds.indices.filter { feeds[$0].source == nil }
        let urlOutcomes = pollURLs(urlIndexes.map { feeds[$0] }, states: states)
        var outcomes = [FeedOutcome?](repeating: nil, count: feeds.count)
        for (index, outcome) in zip(urlIndexes, urlOutcomes) { outcomes[index] = outcome }
        for (index, outcome) in zip(sourceIndexes, sources.wait()) { outcomes[index] = outcome }
        return outcomes.map { $0! }
    }

    private func pollURLs(_ feeds: [FeedConfig], states: [String: FeedState]) -> [FeedOutcome] {
        guard !feeds.isEmpty else { return [] }
        let requests = feeds.map { request(for: $0, state: states[$0.id] ?? FeedState()) }
        let outcomes = OutcomeList(count: feeds.count)
        let decoding = DispatchQueue(label: "vigia.decode")
        FeedFetcher(limits: limits).fetchAll(requests) { index, result in
            let feed = feeds[index]
            decoding.async { [self] in outcomes.set(index, outcome(feed, result)) }
        }
        decoding.sync {}
        return outcomes.all()
    }

    func request(for feed: FeedConfig, state: FeedState) -> HTTPRequest {
        var headers = feed.expandedHeaders(environment: environment)
        if let etag = state.etag { headers.append((name: "If-None-Match", value: etag)) }
        if let modified = state.lastModified { headers.append((name: "If-Modified-Since", value: modified)) }
        let url = feed.isFile ? feed.url : IncrementalQuery.url(for: feed.url, format: feed.format, cursor: state.cursor)
        return HTTPRequest(url: url, headers: headers, allowFileScheme: feed.isFile)
    }

    func outcome(_ feed: FeedConfig, _ result: Result<HTTPResponse, TransportError>) -> FeedOutcome {
        var outcome = FeedOutcome(feed: feed, status: .failed)
        switch result {
        case .failure(let error):
            outcome.error = error.description
        case .success(let response):
            outcome.response = response
            outcome.serverClocks = ServerClock(response).map { [$0] } ?? []
            outcome = decode(response, into: outcome)
            // Once decoded, only the headers matter (validators, Retry-After): a poll holds every outcome until
            // its end, and a thousand bodies would sit in memory for nothing.
            outcome.response?.body = Data()
        }
        return outcome
    }

    private func decode(_ response: HTTPResponse, into outcome: FeedOutcome) -> FeedOutcome {
        var outcome = outcome
        let location = outcome.feed.url.isFileURL ? outcome.feed.url.path : response.effectiveURL.absoluteString
        switch response.status {
        case 304:
            outcome.status = .notModified  // costs no parsing
            return outcome
        case 200..<300:
            break
        default:
            outcome.error = "\(location): HTTP \(response.status)"
            return outcome
        }
        if response.truncated {
            outcome.problems.append("\(location): body larger than \(limits.maxBodyBytes >> 20) MiB, cut off; items before the cut kept")
        }
        do {
            let decoded = try FeedDecoder.decode(
                response.body, format: outcome.feed.format, contentType: response.headers["content-type"], mapping: outcome.feed.mapping,
                base: FeedDecoder.documentBase(url: response.effectiveURL, contentLocation: response.headers["content-location"]))
            outcome.status = .ok
            outcome.format = decoded.format
            outcome.items = decoded.items
            outcome.cursor = decoded.cursor
            outcome.problems += decoded.problems.map { "\(location): \($0)" }
        } catch {
            outcome.error = "\(location): \(error.description)"
        }
        return outcome
    }
}
