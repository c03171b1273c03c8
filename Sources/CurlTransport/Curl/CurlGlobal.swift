internal import CCurl

/// libcurl's process-wide setup. `curl_global_init` is not thread-safe itself, so it runs exactly once,
/// guarded by Swift's lazy static initialisation (which is `swift_once`, i.e. thread-safe).
package enum CurlGlobal {
    private static let initResult: Int32 = Int32(curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue)

    /// Initialises libcurl once for the process; later calls do nothing. Safe from any thread.
    package static func initialize() {
        _ = initResult
    }

    /// Initialises libcurl and returns its CURLcode (0 when it is ready). A `main` calls this first, while it is
    /// the only thread, as libcurl asks, and stops with the code rather than failing in the middle of a poll.
    package static func start() -> Int32 {
        initResult
    }

    /// The libcurl version string (e.g. "libcurl/7.88.1 OpenSSL/3.0 zlib/1.2 brotli/1.0 nghttp2/1.52").
    package static var libraryVersion: String {
        initialize()
        return String(cString: curl_version())
    }
}
