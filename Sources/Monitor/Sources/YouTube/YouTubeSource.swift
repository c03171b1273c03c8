import CurlTransport
import Foundation
import ReputationCore

/// YouTube (`"source": "youtube"`): the comments on a channel's videos, `commentThreads?allThreadsRelatedToChannelId=…
/// &order=time`, newest first, `pageToken` back to the newest comment taken last time. Each request costs one unit
/// of the API key's daily quota (10,000 by default, reset at midnight Pacific time): the units are counted in the
/// cursor, a poll stops before the quota is spent, and `quotaExceeded` waits for the reset.
struct YouTubeSource: SourceKind {
    static let name = "youtube"
    static let keys = ["api_key", "channel_id", "api_url", "daily_quota", "client_id", "client_secret", "refresh_token",
                       "token_url"]
    static let pageSize = 100

    var apiKey: String
    var channelID: String
    var api: URL
    var dailyQuota: Int
    /// OAuth for answering (`comments.insert`); nil when the feed only reads.
    var oauth: YouTubeToken.Credentials?

    var address: URL { api }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        apiKey = try object.secret("api_key", environment: environment, required: true)!
        channelID = try object.setting("channel_id", environment: environment, required: true, expected: "a channel id (UC…)")!
        guard channelID.count <= 64, channelID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw .invalid(file: object.file, key: "channel_id", expected: "a channel id such as UCxxxxxxxxxxxxxxxxxxxxxx", found: "\"\(channelID.prefix(80))\"")
        }
        api = try object.address("api_url", default: "https://www.googleapis.com/youtube/v3")
        dailyQuota = try object.int("daily_quota", in: 1...10_000_000) ?? 10_000
        oauth = try Self.oauth(object, environment: environment)
    }

    /// `client_id`, `client_secret` and `refresh_token` together (answering), or none of them (reading only).
    private static func oauth(_ object: ConfigObject, environment: [String: String]) throws(ConfigError) -> YouTubeToken.Credentials? {
        let names = ["client_id", "client_secret", "refresh_token"]
        var values: [String] = []
        var missing: [String] = []
        for name in names {
            if let value = try object.secret(name, environment: environment, required: false) { values.append(value) } else { missing.append(name) }
        }
        guard !values.isEmpty else { return nil }
        if let first = missing.first {
            throw .missing(file: object.file, key: first, expected: "client_id, client_secret and refresh_token together (OAuth, to answer comments), or none")
        }
        return YouTubeToken.Credentials(
            clientID: values[0], clientSecret: values[1], refreshToken: values[2],
            tokenURL: try object.address("token_url", default: "https://oauth2.googleapis.com/token"))
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        let key = poll.secret(apiKey)
        var quota = YouTubeQuota(cursor: poll.cursor, now: poll.now, limit: dailyQuota)
        defer { quota.store(in: &poll.cursor) }
        try BacklogWalk(key: "comments", network: "YouTube", scope: .own).run(&poll) { (poll, pageToken) throws(SourceFailure) -> BacklogWalk.Page in
            guard quota.spend() else {
                poll.waitUntil = quota.reset
                throw .rateLimited("YouTube: \(quota.used) of \(dailyQuota) quota units used today", until: quota.reset)
            }
            var query = [
                URLQueryItem(name: "part", value: "snippet"), URLQueryItem(name: "allThreadsRelatedToChannelId", value: channelID),
                URLQueryItem(name: "order", value: "time"), URLQueryItem(name: "maxResults", value: String(Self.pageSize)),
                URLQueryItem(name: "textFormat", value: "plainText"), URLQueryItem(name: "key", value: key),
            ]
            if let pageToken { query.append(URLQueryItem(name: "pageToken", value: pageToken)) }
            let response = try poll.send(
                HTTPRequest(url: api.appending(apiPath: "/commentThreads", query: query), headers: [(name: "Accept", value: "application/json")]),
                network: "YouTube")
            try check(response, quota: quota)
            let root = try SourceJSON.parse(response.body, network: "YouTube")
            let threads = (root["items"]?.array ?? []).filter(\.isObject)
            var notes = TextNotes()
            let items = threads.map { YouTubeComment.item(from: $0, notes: &notes) }
            return BacklogWalk.Page(
                items: items, times: items.map(\.publishedAt), next: root["nextPageToken"]?.string, count: threads.count,
                notes: notes.problems)
        }
        if quota.used * 5 >= dailyQuota * 4 {
            poll.notes.append("YouTube: \(quota.used) of \(dailyQuota) quota units used today (resets \(ISOTime.format(quota.reset)))")
        }
    }

    /// Google's error shape: `{"error": {"code": 403, "message": "…", "errors": [{"reason": "quotaExceeded"}]}}`.
    private func check(_ response: HTTPResponse, quota: YouTubeQuota) throws(SourceFailure) {
        guard !(200..<300).contains(response.status) else { return }
        let root = try? SourceJSON.parse(response.body, network: "YouTube")
        let reason = Self.reason(response)
        let shown = String(reason.filter { $0.isLetter }.prefix(60))
        switch (response.status, reason) {
        case (403, _) where Self.isQuotaSpent(response):
            throw .rateLimited("YouTube: the API key's daily quota is spent (403 \(shown))", until: quota.reset)
        case (400, "keyInvalid"), (401, _):
            throw .credentialRejected("YouTube: API key rejected (\(response.status) \(shown))")
        case (400, _) where root?["error"]?["message"]?.string?.contains("API key") == true:
            throw .credentialRejected("YouTube: API key rejected (400 \(shown))")
        case (403, _): throw .permissionMissing("YouTube: comments of \(channelID) refused (403 \(shown)): disabled, or the key may not use the YouTube Data API")
        case (404, _): throw .unexpected("YouTube: channel \(channelID) not found (404 \(shown))")
        default: throw .unexpected("YouTube: commentThreads answered HTTP \(response.status) \(shown)")
        }
    }

    /// The first `errors[].reason` of Google's error answer ("" when there is none).
    static func reason(_ response: HTTPResponse) -> String {
        let root = try? SourceJSON.parse(response.body, network: "YouTube")
        return root?["error"]?["errors"]?.array?.first?["reason"]?.string ?? ""
    }

    /// 403 `quotaExceeded` (or the older `dailyLimitExceeded`): the project's units for the day are spent.
    static func isQuotaSpent(_ response: HTTPResponse) -> Bool {
        response.status == 403 && ["quotaExceeded", "dailyLimitExceeded"].contains(reason(response))
    }
}
