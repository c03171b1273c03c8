internal import CCurl
import Foundation

/// One curl easy handle and what curl reads from it while it lives: the error buffer and the string lists it was
/// given. The only owner of easy handles (HTTP, SMTP, IMAP), so every option is set the same way and checked: an
/// option curl refuses (a string over its 8 MB input limit, an unknown protocol, an out-of-range value) is a
/// `TransportError.option` naming it, never a transfer that silently runs without it.
/// Confined to the thread that performs it; `deinit` frees the handle, then the lists and the buffer it pointed to.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// The URL errors are about (the request's, the mail server's).
    let url: URL
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    init(url: URL) throws(TransportError) {
        guard let raw = curl_easy_init() else { throw .curl(url: url, code: -1, message: "curl_easy_init failed") }
        self.raw = raw
        self.url = url
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        // Timeouts must not use SIGALRM: the process is multi-threaded and handles its own signals.
        try set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(raw)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// curl's message for the last failure on this handle ("" when it wrote none).
    var errorMessage: String { String(cString: errorBuffer) }

    /// Forgets the last message, before a handle is performed again.
    func clearError() { errorBuffer[0] = 0 }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(ccurl_easy_setopt_string(raw, option, value), option)
    }

    func set(_ option: CURLoption, size: Int) throws(TransportError) {
        try check(ccurl_easy_setopt_off(raw, option, curl_off_t(size)), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(ccurl_easy_setopt_pointer(raw, option, pointer), option)
    }

    func set(_ option: CURLoption, callback: ccurl_data_callback) throws(TransportError) {
        try check(ccurl_easy_setopt_data_cb(raw, option, callback), option)
    }

    /// A list option (headers, recipients): the list lives as long as the handle, as curl requires.
    func set(_ option: CURLoption, lines: [String]) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let longer = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw .option(url: url, name: Self.name(of: option), reason: "out of memory building the list")
            }
            list = longer
        }
        if let list { lists.append(list) }
        try check(ccurl_easy_setopt_slist(raw, option, list), option)
    }

    /// An option that may be refused without harm (HTTP/2 on a libcurl built without it): true if taken.
    @discardableResult
    func setIfSupported(_ option: CURLoption, _ value: Int) -> Bool {
        ccurl_easy_setopt_long(raw, option, value) == CURLE_OK
    }

    func info(long key: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(raw, key, &value) == CURLE_OK ? value : 0
    }

    func info(size key: CURLINFO) -> Int {
        var value: curl_off_t = 0
        return ccurl_easy_getinfo_off(raw, key, &value) == CURLE_OK ? Int(value) : 0
    }

    func info(string key: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard ccurl_easy_getinfo_string(raw, key, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw .option(url: url, name: Self.name(of: option), reason: String(cString: curl_easy_strerror(code)))
    }

    /// "CURLOPT_USERAGENT", from curl's own option table.
    static func name(of option: CURLoption) -> String {
        guard let entry = curl_easy_option_by_id(option), let name = entry.pointee.name else {
            return "curl option \(option.rawValue)"
        }
        return "CURLOPT_" + String(cString: name)
    }
}
