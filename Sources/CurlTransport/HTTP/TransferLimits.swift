/// Bounds on one `FeedFetcher.fetchAll` call: how many transfers at once, how long each may take,
/// how much of a body is kept and how far redirects are followed.
package struct TransferLimits: Sendable, Equatable {
    /// Transfers in flight at once, over all hosts.
    package var maxConcurrent: Int
    /// Transfers in flight at once to one scheme://host:port.
    package var maxPerHost: Int
    /// Seconds allowed to establish a connection (TCP + TLS).
    package var connectTimeout: Double
    /// Seconds allowed for a whole transfer, redirects included.
    package var totalTimeout: Double
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is aborted (slow drip).
    package var lowSpeedLimit: Int
    package var lowSpeedTime: Double
    /// Decoded body bytes kept per response; the transfer is cut there and the response flagged `truncated`.
    package var maxBodyBytes: Int
    /// Redirects followed per request; one more fails with `TransportError.tooManyRedirects`.
    package var maxRedirects: Int
    package var userAgent: String
    /// A PEM file of certificate authorities to trust instead of the system's (nil: the system's).
    package var caFile: String?

    package static let defaultUserAgent = "Vigia/\(vigiaVersion) (+self-hosted reputation monitor)"

    package init(
        maxConcurrent: Int = 32,
        maxPerHost: Int = 4,
        connectTimeout: Double = 10,
        totalTimeout: Double = 30,
        lowSpeedLimit: Int = 1,
        lowSpeedTime: Double = 20,
        maxBodyBytes: Int = 16 << 20,
        maxRedirects: Int = 5,
        userAgent: String = TransferLimits.defaultUserAgent,
        caFile: String? = nil
    ) {
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.caFile = caFile
    }
}
