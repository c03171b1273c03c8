import CurlTransport
import Foundation
import ReputationCore

/// A Reddit OAuth token as kept in alerts/state/sessions/<feed>.json (0600): the bearer token, which grant it came
/// from, and when it expires by our clock (`expires_in` counted from when we got it).
struct RedditToken: Codable, Sendable {
    var accessToken: String
    var grant: String
    var account: String
    var expiresAt: Date

    struct Credentials: Sendable {
        var clientID: String
        var clientSecret: String
        var username: String?
        var password: String?
        var tokenURL: URL

        var grant: String { username == nil ? "client_credentials" : "password" }
        var account: String { username.map { "u/\($0)" } ?? "the app (client credentials)" }
    }

    /// Gets, keeps and renews the token during one poll, and makes the API's GETs with it.
    struct Keeper {
        let credentials: Credentials
        let userAgent: String
        private var token: RedditToken?

        init(credentials: Credentials, userAgent: String) {
            self.credentials = credentials
            self.userAgent = userAgent
        }

        mutating func open(_ poll: inout SourcePoll) throws(SourceFailure) {
            let stored = poll.storedSession(RedditToken.self)
            if let stored, stored.grant == credentials.grant, stored.account == credentials.account,
                stored.expiresAt > poll.now.addingTimeInterval(60)
            {
                poll.redaction.add(stored.accessToken)
                token = stored
                return
            }
            try renew(&poll)
        }

        /// A listing; a 401 renews the token once and asks again.
        mutating func get(_ url: URL, what: String, _ poll: inout SourcePoll) throws(SourceFailure) -> JSONValue {
            try call(url, form: nil, what: what, &poll)
        }

        /// A form POST (a reply, a message), renewed and refused the same way.
        mutating func post(_ url: URL, form: [(String, String)], what: String, _ poll: inout SourcePoll) throws(SourceFailure)
            -> JSONValue
        {
            try call(url, form: form, what: what, &poll)
        }

        private mutating func call(_ url: URL, form: [(String, String)]?, what: String, _ poll: inout SourcePoll)
            throws(SourceFailure) -> JSONValue
        {
            var response = try send(url, form: form, &poll)
            if response.status == 401 {
                try renew(&poll)
                response = try send(url, form: form, &poll)
            }
            let words = SourcePoll.serverWords(response)
            switch response.status {
            case 200..<300: return try SourceJSON.parse(response.body, network: "Reddit")
            case 401: throw .credentialRejected("Reddit: token for \(credentials.account) refused by \(what) (401\(words))")
            case 403:
                let hint = what == "mentions" ? "; /message/mentions needs a user token (username and password, scope privatemessages)" : ""
                throw .permissionMissing("Reddit: \(what) forbidden for \(credentials.account) (403\(words))\(hint)")
            case 404: throw .unexpected("Reddit: \(what) not found (404): does the subreddit exist?")
            default: throw .unexpected("Reddit: \(what) answered HTTP \(response.status)\(words)")
            }
        }

        private func send(_ url: URL, form: [(String, String)]?, _ poll: inout SourcePoll) throws(SourceFailure) -> HTTPResponse {
            var headers = [(name: "User-Agent", value: userAgent), (name: "Accept", value: "application/json")]
            if let token { headers.append((name: "Authorization", value: "bearer \(token.accessToken)")) }
            let body = form.map { Data($0.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&").utf8) }
            if body != nil { headers.append((name: "Content-Type", value: "application/x-www-form-urlencoded")) }
            return try poll.send(HTTPRequest(url: url, headers: headers, body: body), network: "Reddit")
        }

        /// `POST /api/v1/access_token` with the app's id and secret (HTTP Basic); the password grant answers a
        /// wrong password with 200 and `{"error": "invalid_grant"}`, a wrong app with 401.
        private mutating func renew(_ poll: inout SourcePoll) throws(SourceFailure) {
            let id = poll.secret(credentials.clientID), secret = poll.secret(credentials.clientSecret)
            var form = ["grant_type=\(credentials.grant)"]
            if let username = credentials.username, let password = credentials.password {
                form.append("username=\(Self.formEncode(username))")
                form.append("password=\(Self.formEncode(poll.secret(password)))")
            }
            let basic = Data("\(id):\(secret)".utf8).base64EncodedString()
            poll.redaction.add(basic)
            let request = HTTPRequest(
                url: credentials.tokenURL,
                headers: [(name: "Authorization", value: "Basic \(basic)"), (name: "User-Agent", value: userAgent),
                          (name: "Content-Type", value: "application/x-www-form-urlencoded")],
                body: Data(form.joined(separator: "&").utf8))
            let response = try poll.send(request, network: "Reddit")
            let root = try? SourceJSON.parse(response.body, network: "Reddit")
            if response.status == 401 || response.status == 403 {
                throw .credentialRejected("Reddit: app client id/secret rejected (\(response.status)); check client_id and client_secret")
            }
            if let error = root?["error"]?.string {
                let name = String(error.filter { $0.isLetter || $0 == "_" }.prefix(60))
                throw .credentialRejected("Reddit: \(credentials.grant) grant rejected for \(credentials.account) (\(response.status) \(name))")
            }
            guard response.status == 200, let access = root?["access_token"]?.string else {
                throw .unexpected("Reddit: token answer HTTP \(response.status) without access_token")
            }
            poll.redaction.add(access)
            let lifetime = min(max(root?["expires_in"]?.number ?? 3600, 60), 7 * 86_400)
            let new = RedditToken(
                accessToken: access, grant: credentials.grant, account: credentials.account,
                expiresAt: poll.now.addingTimeInterval(lifetime))
            token = new
            try poll.sessions?.save(new, feedID: poll.feedID)
        }

        static func formEncode(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }
}
