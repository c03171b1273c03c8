/// Bounds on one `FeedFetcher.fetchAll` call: how many transfers at once, how long each may take,
/// how much of a body is kept and how far redirects are followed.
public struct TransferLimits: Sendable, Equatable {
    /// Transfers in flight at once, over all hosts.
    public var maxConcurrent: Int
    /// Transfers in flight at once to one scheme://host:port.
    public var maxPerHost: Int
    /// Seconds allowed to establish a connection (TCP + TLS).
    public var connectTimeout: Double
    /// Seconds allowed for a whole transfer, redirects included.
    public var totalTimeout: Double
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is aborted (slow drip).
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Double
    /// Decoded body bytes kept per response; the transfer is cut there and the response flagged `truncated`.
    public var maxBodyBytes: Int
    /// Redirects followed per request; one more fails with `TransportError.tooManyRedirects`.
    public var maxRedirects: Int
    public var userAgent: String
    /// A PEM file of certificate authorities to trust instead of the system's (nil: the system's).
    public var caFile: String?

    public static let defaultUserAgent = "Vigia/\(vigiaVersion) (+self-hosted reputation monitor)"

    public init(
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
