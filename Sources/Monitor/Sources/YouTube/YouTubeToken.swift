import CurlTransport
import Foundation
import ReputationCore

/// A Google OAuth access token for answering comments (reading them needs only the API key), as kept in
/// alerts/state/sessions/<feed>.json (0600): got from the operator's refresh token (scope
/// `https://www.googleapis.com/auth/youtube.force-ssl`) at the token endpoint, renewed before it expires
/// (`expires_in` counted from when we got it) or when the API refuses it.
struct YouTubeToken: Codable, Sendable {
    var accessToken: String
    /// Which client the token belongs to, so a changed `client_id` gets a fresh one.
    var client: String
    var expiresAt: Date

    struct Credentials: Sendable {
        var clientID: String
        var clientSecret: String
        var refreshToken: String
        var tokenURL: URL
    }

    struct Keeper {
        let credentials: Credentials
        private(set) var token: YouTubeToken?

        init(credentials: Credentials) { self.credentials = credentials }

        mutating func open(_ poll: inout SourcePoll) throws(SourceFailure) {
            let client = StableHash.hex(of: poll.secret(credentials.clientID))
            if let stored = poll.storedSession(YouTubeToken.self), stored.client == client,
                stored.expiresAt > poll.now.addingTimeInterval(60)
            {
                poll.redaction.add(stored.accessToken)
                token = stored
                return
            }
            try renew(&poll)
        }

        /// Sends `request` with the bearer token; a 401 renews the token once and sends it again.
        mutating func send(_ request: HTTPRequest, _ poll: inout SourcePoll) throws(SourceFailure) -> HTTPResponse {
            var response = try poll.send(authorized(request), network: "YouTube")
            if response.status == 401 {
                try renew(&poll)
                response = try poll.send(authorized(request), network: "YouTube")
            }
            return response
        }

        private func authorized(_ request: HTTPRequest) -> HTTPRequest {
            var request = request
            if let token { request.headers.append((name: "Authorization", value: "Bearer \(token.accessToken)")) }
            return request
        }

        /// `POST token_url` with `grant_type=refresh_token`: Google answers a revoked or expired refresh token with
        /// 400 `invalid_grant` and a wrong client with 401 `invalid_client`.
        private mutating func renew(_ poll: inout SourcePoll) throws(SourceFailure) {
            let id = poll.secret(credentials.clientID), secret = poll.secret(credentials.clientSecret)
            let refresh = poll.secret(credentials.refreshToken)
            let form = [("grant_type", "refresh_token"), ("client_id", id), ("client_secret", secret), ("refresh_token", refresh)]
                .map { "\($0.0)=\(RedditToken.Keeper.formEncode($0.1))" }.joined(separator: "&")
            let request = HTTPRequest(
                url: credentials.tokenURL,
                headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded"), (name: "Accept", value: "application/json")],
                body: Data(form.utf8))
            let response = try poll.send(request, network: "YouTube")
            let root = try? SourceJSON.parse(response.body, network: "YouTube")
            if let error = root?["error"]?.string, response.status == 400 || response.status == 401 {
                let name = String(error.filter { $0.isLetter || $0 == "_" }.prefix(60))
                throw .credentialRejected(
                    "YouTube: OAuth refresh token refused by \(credentials.tokenURL.host ?? "the token endpoint") "
                        + "(\(response.status) \(name)); check client_id, client_secret and refresh_token")
            }
            guard response.status == 200, let access = root?["access_token"]?.string else {
                throw .unexpected("YouTube: token answer HTTP \(response.status) without access_token")
            }
            poll.redaction.add(access)
            let lifetime = min(max(root?["expires_in"]?.number ?? 3600, 60), 86_400)
            let new = YouTubeToken(accessToken: access, client: StableHash.hex(of: id), expiresAt: poll.now.addingTimeInterval(lifetime))
            token = new
            try poll.sessions?.save(new, feedID: poll.feedID)
        }
    }
}
