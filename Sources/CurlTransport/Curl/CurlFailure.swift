internal import CCurl
import Foundation

/// Maps a CURLcode that needs no transfer-specific context to a `TransportError`.
enum CurlFailure {
    static func error(code: CURLcode, url: URL, message: String) -> TransportError {
        let reason = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotResolve(url: url, host: url.host ?? "?")
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect(url: url, reason: reason)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return .connectionReset(url: url, reason: reason)
        case CURLE_PARTIAL_FILE:
            return .incompleteBody(url: url, reason: reason)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
            return .tls(url: url, reason: reason)
        default:
            return .curl(url: url, code: Int(code.rawValue), message: reason)
        }
    }
}
