internal import CCurl
import Foundation

/// One HTTP (or permitted file://) GET on its own easy handle, plus the buffers its callbacks fill.
/// Confined to the single thread that drives the multi handle; callbacks reach it through an unretained
/// `Unmanaged` pointer, which is valid because the driver keeps the transfer alive until curl is done with it.
final class HTTPTransfer {
    let index: Int
    let request: HTTPRequest
    /// Redirects already followed to reach `request` (when the driver follows them, see `RedirectPolicy`).
    let hops: Int
    private let easy: EasyHandle
    private let limits: TransferLimits
    private var body = Data()
    private var truncated = false
    private var headers = ResponseHeaders()

    init(index: Int, request: HTTPRequest, limits: TransferLimits, hops: Int = 0) throws(TransportError) {
        self.index = index
        self.request = request
        self.hops = hops
        self.limits = limits
        easy = try EasyHandle(url: request.url)
    }

    /// The easy handle the multi handle drives.
    var handle: UnsafeMutableRawPointer { easy.raw }

    /// A request that must not reach curl at all: wrong scheme, file:// not flagged, unsafe header.
    static func preflight(_ request: HTTPRequest) -> TransportError? {
        let scheme = request.url.scheme?.lowercased() ?? ""
        switch scheme {
        case "http", "https": break
        case "file": if !request.allowFileScheme { return .fileSchemeNotAllowed(url: request.url) }
        default: return .unsupportedScheme(url: request.url, scheme: scheme)
        }
        for header in request.headers where !HeaderField.isSafe(name: header.name, value: header.value) {
            return .invalidHeader(url: request.url, name: HeaderField.printable(header.name))
        }
        return nil
    }

    /// Sets every option; the first one curl refuses is the transfer's failure.
    func configure() throws(TransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_URL, request.url.absoluteString)
        try easy.set(CURLOPT_PROTOCOLS_STR, request.allowFileScheme ? "http,https,file" : "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, RedirectPolicy.followsItself(request) ? 0 : 1)
        try easy.set(CURLOPT_MAXREDIRS, limits.maxRedirects)
        try easy.set(CURLOPT_USERAGENT, limits.userAgent)
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(limits.connectTimeout))
        try easy.set(CURLOPT_TIMEOUT_MS, milliseconds(limits.totalTimeout))
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, max(0, limits.lowSpeedLimit))
        try easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedTime.rounded(.up))))
        try easy.set(CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.headers.receive(line: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        if !request.headers.isEmpty {
            // "Name;" is curl's way to send a header with an empty value ("Name:" would remove it).
            try easy.set(CURLOPT_HTTPHEADER, lines: request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" })
        }
        if let body = request.body { try setPostBody(body) }
        // A private CA (an operator's own aggregator, a company proxy) trusted instead of the system's bundle.
        if let caFile = limits.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        // Optional: HTTP/2 over TLS when the server offers it (ALPN); plain http stays HTTP/1.1. A libcurl built
        // without HTTP/2 refuses these, and the transfer simply stays on HTTP/1.1.
        easy.setIfSupported(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        easy.setIfSupported(CURLOPT_PIPEWAIT, 1)
    }

    /// POST with a copy of the body (curl keeps its own copy, so nothing here must outlive the call). A redirect
    /// is not followed with the body: a notification goes where it was configured or fails visibly.
    private func setPostBody(_ body: Data) throws(TransportError) {
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, size: body.count)
        var copy = [UInt8](body)
        if copy.isEmpty { copy = [0] }  // a valid pointer for an empty body; the size above says 0 bytes
        let refused = copy.withUnsafeMutableBytes { bytes -> TransportError? in
            do throws(TransportError) {
                try easy.set(CURLOPT_COPYPOSTFIELDS, pointer: bytes.baseAddress)
                return nil
            } catch {
                return error
            }
        }
        if let refused { throw refused }
    }

    /// Keeps decoded bytes up to the cap; at the cap, marks the body truncated and returns a short count so
    /// curl aborts the transfer. Nothing past the cap is ever buffered, so a gzip bomb cannot blow memory.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        let room = limits.maxBodyBytes - body.count
        guard bytes.count > room else {
            body.append(contentsOf: bytes)
            return bytes.count
        }
        if room > 0 { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<room])) }
        truncated = true
        return 0  // short count: curl stops with CURLE_WRITE_ERROR, which `result` reads as "cut at the cap"
    }

    /// The outcome once curl reports the transfer done with `code`.
    func result(code: CURLcode) -> Result<HTTPResponse, TransportError> {
        let elapsed = Double(easy.info(size: CURLINFO_TOTAL_TIME_T)) / 1_000_000
        guard code == CURLE_OK || (truncated && code == CURLE_WRITE_ERROR) else {
            return .failure(failure(code: code, elapsed: elapsed))
        }
        let status = easy.info(long: CURLINFO_RESPONSE_CODE)
        var response = HTTPResponse(
            status: status == 0 ? 200 : status, headers: headers.fields, body: body, truncated: truncated,
            effectiveURL: effectiveURL ?? request.url, elapsed: elapsed)
        response.httpVersion = httpVersion
        return .success(response)
    }

    private func failure(code: CURLcode, elapsed: Double) -> TransportError {
        let url = request.url
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            if errorMessage.localizedCaseInsensitiveContains("too slow") {
                return .tooSlow(url: url, bytesPerSecond: limits.lowSpeedLimit, seconds: limits.lowSpeedTime)
            }
            if easy.info(size: CURLINFO_CONNECT_TIME_T) == 0 && elapsed < limits.totalTimeout * 0.95 {
                return .connectTimedOut(url: url, seconds: limits.connectTimeout)
            }
            return .timedOut(url: url, seconds: limits.totalTimeout)
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The request's own scheme passed preflight, so this can only be a redirect's target.
            let location = headers.fields["location"] ?? effectiveURL?.absoluteString ?? "?"
            return .forbiddenRedirect(url: url, location: location)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(url: url, limit: limits.maxRedirects)
        case CURLE_FILE_COULDNT_READ_FILE:
            return .fileUnreadable(url: url)
        default:
            return CurlFailure.error(code: code, url: url, message: errorMessage)
        }
    }

    private var errorMessage: String { easy.errorMessage }

    /// CURLINFO_HTTP_VERSION as people write it.
    private var httpVersion: String {
        switch easy.info(long: CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return ""
        }
    }

    private var effectiveURL: URL? { easy.info(string: CURLINFO_EFFECTIVE_URL).flatMap(URL.init(string:)) }
}

func milliseconds(_ seconds: Double) -> Int {
    max(1, Int((seconds * 1000).rounded()))
}
