import Foundation

/// One request to perform: a GET, or a POST when it has a body (webhook notifications).
package struct HTTPRequest: Sendable {
    package var url: URL
    /// Extra request headers, e.g. If-None-Match, If-Modified-Since, Authorization.
    /// Values are never copied into error messages (they may be secrets).
    package var headers: [(name: String, value: String)]
    /// Only true for feeds configured with a file:// URL; redirects never reach file:// either way.
    package var allowFileScheme: Bool
    /// The POST body; `nil` for a GET. Set a Content-Type header with it.
    package var body: Data?

    package init(url: URL, headers: [(name: String, value: String)] = [], allowFileScheme: Bool = false, body: Data? = nil) {
        self.url = url
        self.headers = headers
        self.allowFileScheme = allowFileScheme
        self.body = body
    }
}
