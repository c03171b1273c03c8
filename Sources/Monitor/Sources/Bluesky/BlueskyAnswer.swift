import CurlTransport
import Foundation

/// What an XRPC error answer means: `{"error": "ExpiredToken", "message": "…"}` with 400 or 401.
enum BlueskyAnswer {
    static func name(_ response: HTTPResponse) -> String? {
        (try? SourceJSON.parse(response.body, network: "Bluesky"))?["error"]?.string
    }

    /// " ExpiredToken" style, for messages (bounded, one word).
    static func errorName(_ response: HTTPResponse) -> String {
        guard let name = name(response) else { return "" }
        return " " + String(name.filter { $0.isLetter || $0.isNumber }.prefix(60))
    }

    /// The access token is expired or no longer accepted: renew the session once.
    static func isTokenProblem(_ response: HTTPResponse) -> Bool {
        guard response.status == 400 || response.status == 401 else { return false }
        let error = name(response)
        return response.status == 401 || error == "ExpiredToken" || error == "InvalidToken"
    }

    static func check(_ response: HTTPResponse, method: String, account: String) throws(SourceFailure) {
        switch response.status {
        case 200..<300: return
        case 401: throw .credentialRejected("Bluesky: session for \(account) refused by \(method) (401\(errorName(response)))")
        case 403:
            throw .permissionMissing("Bluesky: \(method) refused for \(account) (403\(errorName(response))); an app password may not read this")
        default:
            throw .unexpected("Bluesky: \(method) answered HTTP \(response.status)\(SourcePoll.serverWords(response))")
        }
    }
}
