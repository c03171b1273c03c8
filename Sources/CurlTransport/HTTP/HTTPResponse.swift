import Foundation

/// A completed transfer: any HTTP status counts as a response (4xx/5xx included); only transport
/// failures become `TransportError`.
///
/// A body longer than `TransferLimits.maxBodyBytes` (after gzip/deflate/br decoding) is not an error:
/// the transfer is aborted at the cap, `body` holds the first `maxBodyBytes` bytes and `truncated` is true.
/// The caller decodes the complete items before the cut and reports the cut.
package struct HTTPResponse: Sendable, Equatable {
    /// 200, 304, 404, ...; a file:// read that succeeded is 200.
    package var status: Int
    /// Header names lowercased; for a repeated name the last value wins. Only the final response's
    /// headers (after redirects) are kept.
    package var headers: [String: String]
    /// Decoded body, at most `maxBodyBytes`.
    package var body: Data
    /// The body reached `maxBodyBytes` and the transfer was cut there.
    package var truncated: Bool
    /// The URL after redirects.
    package var effectiveURL: URL
    /// Seconds from start to end of the transfer (queueing excluded).
    package var elapsed: Double
    /// The HTTP version the response came in: "1.0", "1.1", "2" or "3" ("" for file://).
    package var httpVersion: String = ""

    package init(
        status: Int, headers: [String: String], body: Data, truncated: Bool = false,
        effectiveURL: URL, elapsed: Double
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.truncated = truncated
        self.effectiveURL = effectiveURL
        self.elapsed = elapsed
    }
}
