import Foundation

/// Why a transfer or a mail submission failed. Every case names the URL (with any user:password removed
/// in `description`) and the reason. Request header values never appear here: they may be secrets.
public enum TransportError: Error, CustomStringConvertible, Sendable, Equatable {
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

    public var description: String {
        switch self {
        case let .timedOut(url, seconds): "\(url.redacted): timed out after \(seconds.formatted2) s"
        case let .connectTimedOut(url, seconds): "\(url.redacted): no connection within \(seconds.formatted2) s"
        case let .tooSlow(url, rate, seconds):
            "\(url.redacted): too slow (under \(rate) bytes/s for \(seconds.formatted2) s)"
        case let .couldNotResolve(url, host): "\(url.redacted): could not resolve host \(host)"
        case let .couldNotConnect(url, reason): "\(url.redacted): could not connect: \(reason)"
        case let .connectionReset(url, reason): "\(url.redacted): connection reset or closed: \(reason)"
        case let .incompleteBody(url, reason): "\(url.redacted): incomplete response body: \(reason)"
        case let .tooManyRedirects(url, limit): "\(url.redacted): more than \(limit) redirects (redirect loop?)"
        case let .forbiddenRedirect(url, location):
            "\(url.redacted): redirect to a forbidden scheme refused (Location: \(location)); only http and https"
        case let .fileSchemeNotAllowed(url):
            "\(url.redacted): file:// is only allowed for feeds configured with a file:// URL"
        case let .unsupportedScheme(url, scheme): "\(url.redacted): unsupported scheme '\(scheme)'"
        case let .fileUnreadable(url): "\(url.redacted): file missing or unreadable"
        case let .tls(url, reason): "\(url.redacted): TLS failure: \(reason)"
        case let .invalidHeader(url, name): "\(url.redacted): invalid request header '\(name)' (value not shown)"
        case let .invalidAddress(address, reason): "invalid mail address '\(address)': \(reason)"
        case let .invalidMessage(reason): "invalid mail message: \(reason)"
        case let .loginDenied(url, username): "\(url.redacted): login denied for user '\(username)'"
        case let .smtpRejected(url, code, reason): "\(url.redacted): SMTP server replied \(code): \(reason)"
        case let .curl(url, code, message): "\(url.redacted): transfer failed (curl \(code)): \(message)"
        }
    }

    /// The URL the failure is about, if any.
    public var url: URL? {
        switch self {
        case let .timedOut(url, _), let .connectTimedOut(url, _), let .tooSlow(url, _, _),
            let .couldNotResolve(url, _), let .couldNotConnect(url, _), let .connectionReset(url, _),
            let .incompleteBody(url, _), let .tooManyRedirects(url, _), let .forbiddenRedirect(url, _),
            let .fileSchemeNotAllowed(url), let .unsupportedScheme(url, _), let .fileUnreadable(url),
            let .tls(url, _), let .invalidHeader(url, _), let .loginDenied(url, _), let .smtpRejected(url, _, _),
            let .curl(url, _, _):
            url
        case .invalidAddress, .invalidMessage:
            nil
        }
    }

    /// True for failures worth retrying later (network weather), false for ones that need a fix
    /// (bad URL, forbidden redirect, TLS, rejected login...).
    public var isTemporary: Bool {
        switch self {
        case .timedOut, .connectTimedOut, .tooSlow, .couldNotResolve, .couldNotConnect, .connectionReset,
            .incompleteBody:
            true
        case let .smtpRejected(_, code, _): (400..<500).contains(code)
        case .tooManyRedirects, .forbiddenRedirect, .fileSchemeNotAllowed, .unsupportedScheme, .fileUnreadable,
            .tls, .invalidHeader, .invalidAddress, .invalidMessage, .loginDenied, .curl:
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
