import CurlTransport
import Foundation
import ReputationCore

/// One of a Mastodon feed's streams and its cursor (`cursor["<key>"]`: the newest id taken).
struct MastodonStream {
    enum Kind {
        case hashtag(String)
        case mentions
        case search(String)
    }

    var kind: Kind

    /// The account's mentions are its own channel; a hashtag timeline or a search is anyone's.
    var scope: MentionFilter.Scope {
        if case .mentions = kind { return .own }
        return .general
    }

    var key: String {
        switch kind {
        case .hashtag(let tag): return "tag:\(tag)"
        case .mentions: return "notifications"
        case .search: return "search"
        }
    }

    private func url(instance: URL, minID: String?) -> URL {
        var query = [URLQueryItem(name: "limit", value: String(MastodonSource.pageSize))]
        if let minID { query.append(URLQueryItem(name: "min_id", value: minID)) }
        switch kind {
        case .hashtag(let tag):
            let encoded = tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? tag
            return instance.appending(apiPath: "/api/v1/timelines/tag/\(encoded)", query: query)
        case .mentions:
            return instance.appending(apiPath: "/api/v1/notifications", query: [URLQueryItem(name: "types[]", value: "mention")] + query)
        case .search(let words):
            return instance.appending(
                apiPath: "/api/v2/search",
                query: [URLQueryItem(name: "q", value: words), URLQueryItem(name: "type", value: "statuses")] + query)
        }
    }

    /// Takes every page newer than the cursor, oldest page first, moving the cursor after each. Without a cursor
    /// (the first poll) only the newest page is taken: that is where listening starts.
    func catchUp(instance: URL, bearer: String?, poll: inout SourcePoll) throws(SourceFailure) {
        let mark = poll.cursor[key]
        var next = url(instance: instance, minID: mark)
        var pages = 0
        while poll.mayFetch(pages: pages) {
            var headers = [(name: "Accept", value: "application/json")]
            if let bearer { headers.append((name: "Authorization", value: "Bearer \(bearer)")) }
            let response = try poll.send(HTTPRequest(url: next, headers: headers), network: "Mastodon")
            try check(response, instance: instance)
            let entities = try page(response)
            pages += 1
            let statuses = entities.compactMap { entity -> JSONValue? in
                if case .mentions = kind { return entity["status"].flatMap { $0.isObject ? $0 : nil } }
                return entity
            }
            var notes = TextNotes()
            poll.take(MastodonDecoder.decode(.array(statuses), notes: &notes).items, from: scope)
            poll.notes += notes.problems
            let links = LinkHeader.targets(response.headers["link"])
            let newest = links["prev"].flatMap { Self.query($0, "min_id") } ?? Self.newestID(entities)
            guard let newest else { break }  // an empty page: caught up
            poll.cursor[key] = newest
            if mark == nil || entities.isEmpty { break }
            // Follow the server's own link (it may carry more than min_id), but only on the instance: our token
            // goes nowhere else.
            if let prev = links["prev"], prev.sameOrigin(as: instance) { next = prev } else { next = url(instance: instance, minID: newest) }
        }
    }

    private func page(_ response: HTTPResponse) throws(SourceFailure) -> [JSONValue] {
        let root = try SourceJSON.parse(response.body, network: "Mastodon")
        if case .search = kind {
            guard let statuses = root["statuses"]?.array else { throw .unexpected("Mastodon: search answer without \"statuses\"") }
            return statuses.filter(\.isObject)
        }
        guard let array = root.array else { throw .unexpected("Mastodon: expected a list, found another JSON value") }
        return array.filter(\.isObject)
    }

    /// What a refusal means here: a token the instance does not know, or one without the scope this stream needs.
    private func check(_ response: HTTPResponse, instance: URL) throws(SourceFailure) {
        let host = instance.host ?? "the instance"
        let words = SourcePoll.serverWords(response)
        switch response.status {
        case 200..<300: return
        case 401: throw .credentialRejected("Mastodon: access token rejected by \(host) (401\(words))")
        case 403:
            let scope: String
            switch kind {
            case .hashtag: scope = "read:statuses"
            case .mentions: scope = "read:notifications"
            case .search: scope = "read:search"
            }
            throw .permissionMissing("Mastodon: \(host) refused \(key) (403\(words)); the token needs the \(scope) scope")
        case 404: throw .unexpected("Mastodon: \(host) has no \(key) API (404): is the instance address right?")
        default: throw .unexpected("Mastodon: \(host) answered HTTP \(response.status)\(words) for \(key)")
        }
    }

    static func query(_ url: URL, _ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }

    /// Mastodon ids are decimal strings that grow with time: longer is newer, then by characters.
    static func newestID(_ entities: [JSONValue]) -> String? {
        entities.compactMap { $0["id"]?.text }.max { ($0.count, $0) < ($1.count, $1) }
    }
}
