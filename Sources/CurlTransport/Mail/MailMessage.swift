import Foundation

/// One plain-text email. Header values may come from post text: rendering strips control characters from
/// every one of them, so nothing here can inject a header (see `MailRenderer`).
package struct MailMessage: Sendable {
    /// "alerts@example.com" or "Vigía <alerts@example.com>"; the address is also the envelope sender.
    package var from: String
    /// Recipients, same forms as `from`; every one is an envelope recipient and listed in To.
    package var to: [String]
    package var subject: String
    /// text/plain, UTF-8; line endings are normalised to CRLF.
    package var body: String
    /// Stable per event and recipient, so a retried send is recognisably the same message.
    /// Angle brackets optional; "@vigia.invalid" is appended when it has no '@'.
    package var messageID: String
    package var date: Date
    /// Further headers (e.g. X-Vigia-Task, Reply-To). Structural headers (From, To, Cc, Bcc, Subject, Date,
    /// Message-ID, MIME-Version, Content-*) are refused here.
    package var extraHeaders: [(name: String, value: String)]

    package init(
        from: String, to: [String], subject: String, body: String, messageID: String, date: Date,
        extraHeaders: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
        self.extraHeaders = extraHeaders
    }
}
