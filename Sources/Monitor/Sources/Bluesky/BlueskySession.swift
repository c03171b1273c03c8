import CurlTransport
import Foundation
import ReputationCore

/// A Bluesky session as kept in alerts/state/sessions/<feed>.json (mode 0600): the access and refresh tokens
/// `com.atproto.server.createSession` gave, the account they are for, and when the access token expires by our
/// clock (its lifetime, `exp − iat`, counted from when we got it, so a server clock that differs from ours
/// does not matter).
struct BlueskySession: Codable, Sendable {
    var service: String
    var identifier: String
    var did: String
    var handle: String
    var accessJwt: String
    var refreshJwt: String
    var accessExpiresAt: Date?

    /// Access tokens last about two hours; refresh this long before.
    static let margin: TimeInterval = 60

    /// Opens, keeps and renews the session during one poll, and makes its XRPC calls.
    struct Keeper {
        let service: URL
        let identifier: String
        let password: String
        private(set) var session: BlueskySession?

        init(service: URL, identifier: String, password: String) {
            self.service = service
            self.identifier = identifier
            self.password = password
        }

        /// The stored session when it is this account's, refreshed when its access token has expired; a new one
        /// only when there is none or refreshing fails.
        mutating func open(_ poll: inout SourcePoll) throws(SourceFailure) {
            let stored = poll.storedSession(BlueskySession.self)
            if let stored, stored.service == service.absoluteString, stored.identifier == identifier {
                session = stored
                poll.redaction.add(stored.accessJwt)
                poll.redaction.add(stored.refreshJwt)
                if let expires = stored.accessExpiresAt, expires <= poll.now.addingTimeInterval(BlueskySession.margin) {
                    try renew(&poll)
                }
                return
            }
            try create(&poll)
        }

        /// An XRPC query with the access token; an expired or refused token is renewed once and the call retried.
        mutating func get(_ method: String, _ query: [URLQueryItem], _ poll: inout SourcePoll) throws(SourceFailure) -> JSONValue {
            let response = try answer(method, query: query, &poll)
            try BlueskyAnswer.check(response, method: method, account: identifier)
            return try SourceJSON.parse(response.body, network: "Bluesky")
        }

        /// The server's answer to a query (`body` nil) or a procedure (a JSON `body`), with the access token renewed
        /// once when refused; `proxy` names the service the PDS forwards the call to (`atproto-proxy`, the chat
        /// service). Errors other than the token's are the caller's to read (a closed chat is not a failure).
        mutating func answer(
            _ method: String, query: [URLQueryItem] = [], body: Data? = nil, proxy: String? = nil, _ poll: inout SourcePoll
        ) throws(SourceFailure) -> HTTPResponse {
            var response = try call(method, query: query, body: body, token: session?.accessJwt, proxy: proxy, &poll)
            if BlueskyAnswer.isTokenProblem(response) {
                try renew(&poll)
                response = try call(method, query: query, body: body, token: session?.accessJwt, proxy: proxy, &poll)
            }
            return response
        }

        private mutating func renew(_ poll: inout SourcePoll) throws(SourceFailure) {
            guard let refresh = session?.refreshJwt else { return try create(&poll) }
            let response = try call("com.atproto.server.refreshSession", body: nil, token: refresh, &poll)
            guard (200..<300).contains(response.status) else {
                // The refresh token expired or was revoked: only now a new session (createSession is scarce).
                poll.notes.append("Bluesky: session refresh refused (\(response.status)\(BlueskyAnswer.errorName(response))); signing in again")
                return try create(&poll)
            }
            try keep(response, &poll)
        }

        private mutating func create(_ poll: inout SourcePoll) throws(SourceFailure) {
            let body = try? JSONSerialization.data(withJSONObject: ["identifier": identifier, "password": password])
            let response = try call("com.atproto.server.createSession", body: body ?? Data(), token: nil, &poll)
            if response.status == 401 || response.status == 400 {
                throw .credentialRejected(
                    "Bluesky: app password rejected for \(identifier) (\(response.status)\(BlueskyAnswer.errorName(response)))")
            }
            try BlueskyAnswer.check(response, method: "com.atproto.server.createSession", account: identifier)
            try keep(response, &poll)
        }

        /// Reads a createSession/refreshSession answer and stores it at once: a refresh token is spent by use, so
        /// a run killed after this point must still find the new one.
        private mutating func keep(_ response: HTTPResponse, _ poll: inout SourcePoll) throws(SourceFailure) {
            let root = try SourceJSON.parse(response.body, network: "Bluesky")
            guard let access = root["accessJwt"]?.string, let refresh = root["refreshJwt"]?.string, let did = root["did"]?.string
            else { throw .unexpected("Bluesky: session answer without accessJwt, refreshJwt and did") }
            poll.redaction.add(access)
            poll.redaction.add(refresh)
            let lifetime = JWTLifetime.seconds(access)
            let new = BlueskySession(
                service: service.absoluteString, identifier: identifier, did: did, handle: root["handle"]?.string ?? identifier,
                accessJwt: access, refreshJwt: refresh, accessExpiresAt: lifetime.map { poll.now.addingTimeInterval($0) })
            session = new
            try poll.sessions?.save(new, feedID: poll.feedID)
        }

        /// `GET /xrpc/<method>?…`, or a `POST` procedure when `body` is given (refreshSession sends none).
        private func call(
            _ method: String, query: [URLQueryItem] = [], body: Data? = nil, token: String?, proxy: String? = nil,
            _ poll: inout SourcePoll
        ) throws(SourceFailure) -> HTTPResponse {
            let url = service.appending(apiPath: "/xrpc/\(method)", query: query)
            var headers = [(name: "Accept", value: "application/json")]
            if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
            if let proxy { headers.append((name: "atproto-proxy", value: proxy)) }
            let isProcedure = body != nil || method.hasPrefix("com.atproto.server.")
            if isProcedure { headers.append((name: "Content-Type", value: "application/json")) }
            return try poll.send(HTTPRequest(url: url, headers: headers, body: isProcedure ? (body ?? Data()) : nil), network: "Bluesky")
        }
    }
}

/// How long a JWT lasts, from its own `iat` and `exp` (unverified: we only ask when to renew it).
enum JWTLifetime {
    static func seconds(_ token: String) -> TimeInterval? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var text = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text),
            let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let exp = (claims["exp"] as? NSNumber)?.doubleValue
        else { return nil }
        let issued = (claims["iat"] as? NSNumber)?.doubleValue ?? exp - 7200
        let lifetime = exp - issued
        return lifetime > 0 ? min(lifetime, 30 * 86_400) : nil
    }
}
