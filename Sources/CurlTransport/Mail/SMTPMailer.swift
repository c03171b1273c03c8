internal import CCurl
import Foundation

/// Submits mail through libcurl's SMTP: smtp:// tries STARTTLS (plain if the server has none, e.g. a
/// loopback relay), smtps:// requires TLS. A password is never sent in clear beyond loopback: with credentials
/// and a non-loopback host, smtp:// requires STARTTLS too. Blocks the calling thread until the server answers.
public struct SMTPMailer: Sendable {
    public let url: URL
    public let username: String?
    public let password: String?
    public let timeout: Double

    public init(url: URL, username: String?, password: String?, timeout: Double = 30) {
        self.url = url
        self.username = username
        self.password = password
        self.timeout = timeout
        CurlGlobal.initialize()
    }

    /// Credentials to a host other than 127.0.0.0/8, ::1 or localhost.
    var sendsCredentialsOffLoopback: Bool {
        guard username != nil || password != nil else { return false }
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return !(host == "localhost" || host == "::1" || host.hasPrefix("127."))
    }

    public func send(_ message: MailMessage) throws(TransportError) {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "smtp" || scheme == "smtps" else { throw .unsupportedScheme(url: url, scheme: scheme) }
        let rendered = try MailRenderer(message)
        let submission = try SMTPSubmission(mailer: self, rendered: rendered)
        try submission.perform()
    }
}

/// One SMTP transaction on its own easy handle; the read callback uploads the rendered bytes.
private final class SMTPSubmission {
    private let handle: UnsafeMutableRawPointer
    private let mailer: SMTPMailer
    private let payload: Data
    private var offset = 0
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init(mailer: SMTPMailer, rendered: MailRenderer) throws(TransportError) {
        guard let handle = curl_easy_init() else {
            throw .curl(url: mailer.url, code: -1, message: "curl_easy_init failed")
        }
        self.handle = handle
        self.mailer = mailer
        payload = rendered.bytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        for recipient in rendered.recipients { recipients = curl_slist_append(recipients, recipient.envelope) }
        configure(sender: rendered.sender)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(recipients)
        errorBuffer.deallocate()
    }

    private func configure(sender: MailAddress) {
        let secure = mailer.url.scheme?.lowercased() == "smtps" || mailer.sendsCredentialsOffLoopback
        _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, mailer.url.absoluteString)
        _ = ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        _ = ccurl_easy_setopt_long(handle, CURLOPT_USE_SSL, Int((secure ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        _ = ccurl_easy_setopt_string(handle, CURLOPT_MAIL_FROM, sender.envelope)
        _ = ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
        if let username = mailer.username { _ = ccurl_easy_setopt_string(handle, CURLOPT_USERNAME, username) }
        if let password = mailer.password { _ = ccurl_easy_setopt_string(handle, CURLOPT_PASSWORD, password) }
        _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(mailer.timeout))
        _ = ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(mailer.timeout))
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)
        _ = ccurl_easy_setopt_data_cb(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let submission = Unmanaged<SMTPSubmission>.fromOpaque(context).takeUnretainedValue()
            return submission.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
        _ = ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(self).toOpaque())
    }

    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, payload.count - offset)
        guard count > 0 else { return 0 }
        payload.copyBytes(to: buffer, from: offset..<(offset + count))
        offset += count
        return count
    }

    func perform() throws(TransportError) {
        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return }
        throw failure(code)
    }

    private func failure(_ code: CURLcode) -> TransportError {
        let url = mailer.url
        let message = String(cString: errorBuffer)
        var reply = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        switch code {
        case CURLE_LOGIN_DENIED: return .loginDenied(url: url, username: mailer.username ?? "")
        case CURLE_OPERATION_TIMEDOUT: return .timedOut(url: url, seconds: mailer.timeout)
        case CURLE_USE_SSL_FAILED:
            return .tls(url: url, reason: message.isEmpty ? "server offers no STARTTLS" : message)
        default:
            if reply >= 400 {
                return .smtpRejected(
                    url: url, code: reply, reason: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
                )
            }
            return CurlFailure.error(code: code, url: url, message: message)
        }
    }
}
