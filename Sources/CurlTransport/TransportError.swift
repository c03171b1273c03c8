import Foundation

/// Why a transfer or a mail submission failed. Every case names the URL (with any user:password removed
/// in `description`) and the reason. Request header values never appear here: they may be secrets.
package enum TransportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The whole transfer exceeded `totalTimeout`.
    case timedOut(url: URL, seconds: Double)
    /// No connection within `connectTimeout`.
    case connectTimedOut(url: URL, seconds: Double)
    /// Slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds (a slow drip).
    case tooSlow(url: URL, bytesPerSecond: Int, seconds: Double)
    case couldNotResolve(url: URL, host: String)
    case couldNotConnect(url: URL, reason: String)
    /// The peer closed or reset the connection before a complete response.
    case connectionReset(url: URL, reason: String)
    /// The response ended before its announced length (a truncated transfer by the server, not by us).
    case incompleteBody(url: URL, reason: String)
    case tooManyRedirects(url: URL, limit: Int)
    /// A redirect pointed at a scheme other than http/https (e.g. file:///etc/passwd).
    case forbiddenRedirect(url: URL, location: String)
    /// A file:// URL on a request that was not flagged `allowFileScheme`.
    case fileSchemeNotAllowed(url: URL)
    case unsupportedScheme(url: URL, scheme: String)
    /// A permitted file:// URL whose file is missing or unreadable.
    case fileUnreadable(url: URL)
    case tls(url: URL, reason: String)
    /// A request header with an invalid name or a CR/LF in its value (the value is not shown).
    case invalidHeader(url: URL, name: String)
    /// A mail address that cannot be used in an SMTP envelope or header.
    case invalidAddress(address: String, reason: String)
    /// A mail message that cannot be built safely (e.g. a reserved header passed as an extra header).
    case invalidMessage(reason: String)
    case loginDenied(url: URL, username: String)
    /// The SMTP server answered with an error reply code.
    case smtpRejected(url: URL, code: Int, reason: String)
    /// Any other libcurl failure, with its CURLcode and message.
    case curl(url: URL, code: Int, message: String)
    /// curl refused an option while the transfer was set up (named as curl names it, e.g. CURLOPT_USERAGENT).
    case option(url: URL, name: String, reason: String)

    package var description: String {
        switch self {
        case .timedOut(let url, let seconds): "\(url.redacted): timed out after \(seconds.formatted2) s"
        case .connectTimedOut(let url, let seconds): "\(url.redacted): no connection within \(seconds.formatted2) s"
        case .tooSlow(let url, let rate, let seconds):
            "\(url.redacted): too slow (under \(rate) bytes/s for \(seconds.formatted2) s)"
        case .couldNotResolve(let url, let host): "\(url.redacted): could not resolve host \(host)"
        case .couldNotConnect(let url, let reason): "\(url.redacted): could not connect: \(reason)"
        case .connectionReset(let url, let reason): "\(url.redacted): connection reset or closed: \(reason)"
        case .incompleteBody(let url, let reason): "\(url.redacted): incomplete response body: \(reason)"
        case .tooManyRedirects(let url, let limit): "\(url.redacted): more than \(limit) redirects (redirect loop?)"
        case .forbiddenRedirect(let url, let location):
            "\(url.redacted): redirect to a forbidden scheme refused (Location: \(location)); only http and https"
        case .fileSchemeNotAllowed(let url):
            "\(url.redacted): file:// is only allowed for feeds configured with a file:// URL"
        case .unsupportedScheme(let url, let scheme): "\(url.redacted): unsupported scheme '\(scheme)'"
        case .fileUnreadable(let url): "\(url.redacted): file missing or unreadable"
        case .tls(let url, let reason): "\(url.redacted): TLS failure: \(reason)"
        case .invalidHeader(let url, let name): "\(url.redacted): invalid request header '\(name)' (value not shown)"
        case .invalidAddress(let address, let reason): "invalid mail address '\(address)': \(reason)"
        case .invalidMessage(let reason): "invalid mail message: \(reason)"
        case .loginDenied(let url, let username): "\(url.redacted): login denied for user '\(username)'"
        case .smtpRejected(let url, let code, let reason): "\(url.redacted): SMTP server replied \(code): \(reason)"
        case .curl(let url, let code, let message): "\(url.redacted): transfer failed (curl \(code)): \(message)"
        case .option(let url, let name, let reason): "\(url.redacted): curl refused \(name): \(reason)"
        }
    }

    /// The URL the failure is about, if any.
    package var url: URL? {
        switch self {
        case .timedOut(let url, _), .connectTimedOut(let url, _), .tooSlow(let url, _, _),
            .couldNotResolve(let url, _), .couldNotConnect(let url, _), .connectionReset(let url, _),
            .incompleteBody(let url, _), .tooManyRedirects(let url, _), .forbiddenRedirect(let url, _),
            .fileSchemeNotAllowed(let url), .unsupportedScheme(let url, _), .fileUnreadable(let url),
            .tls(let url, _), .invalidHeader(let url, _), .loginDenied(let url, _), .smtpRejected(let url, _, _),
            .curl(let url, _, _), .option(let url, _, _):
            url
        case .invalidAddress, .invalidMessage:
            nil
        }
    }

    /// True for failures worth retrying later (network weather), false for ones that need a fix
    /// (bad URL, forbidden redirect, TLS, rejected login...).
    package var isTemporary: Bool {
        switch self {
        case .timedOut, .connectTimedOut, .tooSlow, .couldNotResolve, .couldNotConnect, .connectionReset,
            .incompleteBody:
            true
        case .smtpRejected(_, let code, _): (400..<500).contains(code)
        case .tooManyRedirects, .forbiddenRedirect, .fileSchemeNotAllowed, .unsupportedScheme, .fileUnreadable,
            .tls, .invalidHeader, .invalidAddress, .invalidMessage, .loginDenied, .curl, .option:
            false
        }
    }
}

extension URL {
    /// The URL without user:password, for messages and logs.
    var redacted: String {
        guard var parts = URLComponents(url: self, resolvingAgainstBaseURL: false),
            parts.user != nil || parts.password != nil
        else { return absoluteString }
        parts.user = nil
        parts.password = nil
        return parts.string ?? "<url>"
    }
}

extension Double {
    fileprivate var formatted2: String { String(format: "%.2f", self) }
}
