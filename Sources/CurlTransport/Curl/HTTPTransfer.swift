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
    let handle: UnsafeMutableRawPointer
    private let limits: TransferLimits
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var body = Data()
    private var truncated = false
    private var headers = ResponseHeaders()

    init?(index: Int, request: HTTPRequest, limits: TransferLimits, hops: Int = 0) {
        guard let handle = curl_easy_init() else { return nil }
        self.index = index
        self.request = request
        self.hops = hops
        self.limits = limits
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

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

    /// Sets every option; returns the failure of an essential one.
    func configure() -> TransportError? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var failed = CURLE_OK
        func set(_ code: CURLcode) { if failed == CURLE_OK && code != CURLE_OK { failed = code } }
        set(ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url.absoluteString))
        set(
            ccurl_easy_setopt_string(
                handle, CURLOPT_PROTOCOLS_STR, request.allowFileScheme ? "http,https,file" : "http,https"))
        set(ccurl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        set(ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, RedirectPolicy.followsItself(request) ? 0 : 1))
        set(ccurl_easy_setopt_long(handle, CURLOPT_MAXREDIRS, limits.maxRedirects))
        set(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, limits.userAgent))
        set(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        set(ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(limits.connectTimeout)))
        set(ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(limits.totalTimeout)))
        set(ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, max(0, limits.lowSpeedLimit)))
        set(ccurl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedTime.rounded(.up)))))
        set(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(
            ccurl_easy_setopt_data_cb(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            })
        set(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        set(
            ccurl_easy_setopt_data_cb(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.headers.receive(line: UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            })
        set(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        set(setRequestHeaders())
        if let body = request.body { set(setPostBody(body)) }
        // A private CA (an operator's own aggregator, a company proxy) trusted instead of the system's bundle.
        if let caFile = limits.caFile { set(ccurl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        // Optional: HTTP/2 over TLS when the server offers it (ALPN); plain http stays HTTP/1.1.
        _ = ccurl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        _ = ccurl_easy_setopt_long(handle, CURLOPT_PIPEWAIT, 1)
        return failed == CURLE_OK ? nil : CurlFailure.error(code: failed, url: request.url, message: errorMessage)
    }

    /// POST with a copy of the body (curl keeps its own copy, so nothing here must outlive the call). A redirect
    /// is not followed with the body: a notification goes where it was configured or fails visibly.
    private func setPostBody(_ body: Data) -> CURLcode {
        var code = ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        if code == CURLE_OK { code = ccurl_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)) }
        guard code == CURLE_OK else { return code }
        return body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> CURLcode in
            var empty: UInt8 = 0
            return withUnsafeMutablePointer(to: &empty) { fallback in
                let pointer = UnsafeMutableRawPointer(mutating: bytes.baseAddress) ?? UnsafeMutableRawPointer(fallback)
                return ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, pointer)
            }
        }
    }

    private func setRequestHeaders() -> CURLcode {
        for header in request.headers {
            // "Name;" is curl's way to send a header with an empty value ("Name:" would remove it).
            let line = header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
            headerList = curl_slist_append(headerList, line)
        }
        return headerList == nil ? CURLE_OK : ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
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
        let elapsed = Double(info(CURLINFO_TOTAL_TIME_T)) / 1_000_000
        guard code == CURLE_OK || (truncated && code == CURLE_WRITE_ERROR) else {
            return .failure(failure(code: code, elapsed: elapsed))
        }
        let status = info(CURLINFO_RESPONSE_CODE)
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
            if info(CURLINFO_CONNECT_TIME_T) == 0 && elapsed < limits.totalTimeout * 0.95 {
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

    private var errorMessage: String { String(cString: errorBuffer) }

    /// CURLINFO_HTTP_VERSION as people write it.
    private var httpVersion: String {
        var value = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &value)
        switch value {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return ""
        }
    }

    private var effectiveURL: URL? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &pointer) == CURLE_OK, let pointer else {
            return nil
        }
        return URL(string: String(cString: pointer))
    }

    private func info(_ key: CURLINFO) -> Int {
        if key == CURLINFO_RESPONSE_CODE {
            var value = 0
            _ = ccurl_easy_getinfo_long(handle, key, &value)
            return value
        }
        var value: curl_off_t = 0
        _ = ccurl_easy_getinfo_off(handle, key, &value)
        return Int(value)
    }
}

func milliseconds(_ seconds: Double) -> Int {
    max(1, Int((seconds * 1000).rounded()))
}
