internal import CCurl
import Foundation

/// Submits mail through libcurl's SMTP: smtp:// tries STARTTLS (plain if the server has none, e.g. a
/// loopback relay), smtps:// requires TLS. A password is never sent in clear beyond loopback: with credentials
/// and a non-loopback host, smtp:// requires STARTTLS too. Blocks the calling thread until the server answers.
package struct SMTPMailer: Sendable {
    package let url: URL
    package let username: String?
    package let password: String?
    package let timeout: Double

    package init(url: URL, username: String?, password: String?, timeout: Double = 30) {
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

    package func send(_ message: MailMessage) throws(TransportError) {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "smtp" || scheme == "smtps" else { throw .unsupportedScheme(url: url, scheme: scheme) }
        let rendered = try MailRenderer(message)
        let submission = try SMTPSubmission(mailer: self, rendered: rendered)
        try submission.perform()
    }
}

/// One SMTP transaction on its own easy handle; the read callback uploads the rendered bytes.
private final class SMTPSubmission {
    private let easy: EasyHandle
    private let mailer: SMTPMailer
    private let payload: Data
    private var offset = 0

    init(mailer: SMTPMailer, rendered: MailRenderer) throws(TransportError) {
        easy = try EasyHandle(url: mailer.url)
        self.mailer = mailer
        payload = rendered.bytes
        try configure(sender: rendered.sender, recipients: rendered.recipients.map(\.envelope))
    }

    private func configure(sender: MailAddress, recipients: [String]) throws(TransportError) {
        let secure = mailer.url.scheme?.lowercased() == "smtps" || mailer.sendsCredentialsOffLoopback
        try easy.set(CURLOPT_URL, mailer.url.absoluteString)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_USE_SSL, Int((secure ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        try easy.set(CURLOPT_MAIL_FROM, sender.envelope)
        try easy.set(CURLOPT_MAIL_RCPT, lines: recipients)
        if let username = mailer.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = mailer.password { try easy.set(CURLOPT_PASSWORD, password) }
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(mailer.timeout))
        try easy.set(CURLOPT_TIMEOUT_MS, milliseconds(mailer.timeout))
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let submission = Unmanaged<SMTPSubmission>.fromOpaque(context).takeUnretainedValue()
            return submission.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
        try easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, payload.count - offset)
        guard count > 0 else { return 0 }
        payload.copyBytes(to: buffer, from: offset..<(offset + count))
        offset += count
        return count
    }

    func perform() throws(TransportError) {
        let code = curl_easy_perform(easy.raw)
        guard code != CURLE_OK else { return }
        throw failure(code)
    }

    private func failure(_ code: CURLcode) -> TransportError {
        let url = mailer.url
        let message = easy.errorMessage
        let reply = easy.info(long: CURLINFO_RESPONSE_CODE)
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
