import Foundation

/// Redirects of a request that carries its own headers are followed here, hop by hop, not by libcurl: libcurl
/// strips only Authorization and Cookie when a redirect leaves the host and forwards every other custom header
/// (an `X-Api-Key`) to wherever the Location points. Here a header goes only to the origin (scheme, host, port) it
/// was configured for; the hop to another origin is made without any of them.
enum RedirectPolicy {
    /// The statuses whose Location a GET follows.
    static func isRedirect(_ status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

    /// Whether the request's redirects are followed by the driver (it carries headers) or by libcurl.
    static func followsItself(_ request: HTTPRequest) -> Bool { !request.headers.isEmpty && request.body == nil }

    /// The next hop of `request` (already `hops` redirects from `original`) toward `location`.
    static func next(
        after request: HTTPRequest, location: String, original: URL, hops: Int, limit: Int
    ) -> Result<HTTPRequest, TransportError> {
        guard hops < limit else { return .failure(.tooManyRedirects(url: original, limit: limit)) }
        guard let target = URL(string: location, relativeTo: request.url)?.absoluteURL,
            let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", target.host != nil
        else { return .failure(.forbiddenRedirect(url: original, location: location)) }
        var next = request
        next.url = target
        next.allowFileScheme = false
        if !sameOrigin(request.url, target) { next.headers = [] }
        return .success(next)
    }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && effectivePort(a) == effectivePort(b)
    }

    private static func effectivePort(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }
}
