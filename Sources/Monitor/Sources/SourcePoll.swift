import CurlTransport
import Foundation
import ReputationCore

/// One poll of one source, as the kind's code sees it: where the feed stood (`cursor`), what it may spend
/// (`maxPages` per stream, the server's rate-limit budget), and what it gathered so far. The kind moves the
/// cursor one complete page at a time, so whatever stops the poll (a cap, a spent budget, a failure, a kill)
/// leaves a cursor that resumes exactly after the last page taken.
struct SourcePoll {
    let feedID: String
    let now: Date
    let maxPages: Int
    let environment: [String: String]
    /// Where sessions and tokens are kept; nil when there is nowhere to keep them (then sign-in is per run).
    let sessions: SessionStore?
    let limits: TransferLimits
    /// `vigia check --fetch`: sign in and fetch one page of each stream, moving no cursor that matters.
    let checkOnly: Bool
    var cursor: [String: String]
    /// What the streams took, in order, and whose channel each item came from (`MentionFilter.Scope`).
    private(set) var items: [FeedItem] = []
    private(set) var scopes: [MentionFilter.Scope] = []
    var notes: [String] = []
    /// Set when a budget is spent: no more requests this poll, and the source waits until then.
    var waitUntil: Date?
    var redaction = SourceRedaction()
    /// What each answer's server said the time was.
    private(set) var serverClocks: [ServerClock] = []

    init(
        feedID: String, now: Date, maxPages: Int, environment: [String: String], sessions: SessionStore?,
        limits: TransferLimits, checkOnly: Bool, cursor: [String: String]
    ) {
        self.feedID = feedID
        self.now = now
        self.maxPages = maxPages
        self.environment = environment
        self.sessions = sessions
        self.limits = limits
        self.checkOnly = checkOnly
        self.cursor = cursor
    }

    /// Adds a stream's items; `scope` says whose channel the stream reads, which decides the items a feed without
    /// keywords or `match` keeps (the brand's own: all; a search or hashtag: those naming the brand).
    mutating func take(_ taken: [FeedItem], from scope: MentionFilter.Scope) {
        items += taken
        scopes += repeatElement(scope, count: taken.count)
    }

    /// A `${NAME}` template's value, remembered as a secret so no message can carry it.
    mutating func secret(_ template: String) -> String {
        let value = EnvironmentExpansion.expand(template, environment: environment)
        redaction.add(value)
        return value
    }

    /// Whether another page may be fetched for a stream that has fetched `pages` so far.
    func mayFetch(pages: Int) -> Bool { waitUntil == nil && pages < (checkOnly ? 1 : maxPages) }

    /// Sends one request. Any answer below 500 but 429 is returned for the kind to read (401 and 403 mean
    /// different things on each network); a spent budget is noted, 429 and 5xx end the poll.
    mutating func send(_ request: HTTPRequest, network: String) throws(SourceFailure) -> HTTPResponse {
        guard let result = FeedFetcher(limits: limits).fetchAll([request]).first else {
            throw .unexpected("\(network): request not performed")
        }
        let response: HTTPResponse
        switch result {
        case .failure(let error):
            throw .unavailable("\(network): \(error.description)")
        case .success(let answer):
            response = answer
        }
        if let reading = ServerClock(response) { serverClocks.append(reading) }
        let host = request.url.host ?? "the server"
        if let budget = RateLimit.read(response.headers, now: now), budget.isSpent {
            waitUntil = budget.resetAt ?? now.addingTimeInterval(60)
        }
        if response.status == 429 {
            let until = RateLimit.retryTime(response.headers, now: now)
            waitUntil = until
            throw .rateLimited("\(network): \(host) answered 429 Too Many Requests", until: until)
        }
        if response.status >= 500 {
            throw .unavailable("\(network): \(host) answered HTTP \(response.status)\(Self.serverWords(response))")
        }
        return response
    }

    /// The server's own short explanation (`error`, `message`, `error_description`), one line, bounded.
    static func serverWords(_ response: HTTPResponse) -> String {
        guard let root = try? SourceJSON.parse(response.body, network: "") else { return "" }
        let words = [root["error"]?.string, root["message"]?.string, root["error_description"]?.string]
            .compactMap { $0 }.filter { !$0.isEmpty }
        guard !words.isEmpty else { return "" }
        let line = words.joined(separator: ": ").filter { !$0.isNewline && $0 != "\u{1B}" }
        return " " + String(line.prefix(200))
    }
}

extension SourcePoll {
    /// This feed's stored session or token, if one is kept and readable; what was wrong with it goes to the notes.
    mutating func storedSession<Session: Decodable>(_ type: Session.Type) -> Session? {
        var found: [String] = []
        let stored = sessions?.load(type, feedID: feedID) { found.append($0) }
        notes += found
        return stored
    }
}
