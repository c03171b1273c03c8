import CurlTransport
import Foundation
import ReputationCore

/// Sends a notice as plain-text mail through `SMTPMailer` (libcurl). Header safety is the renderer's job: the
/// subject may quote post text, and control characters can never start a new header there.
struct EmailNotifier: Sendable {
    let smtp: NotifierSettings.SMTP?
    let from: String

    func deliver(_ item: OutboxItem) throws(NotifierError) {
        guard let smtp, let url = URL(string: smtp.url) else {
            throw .notConfigured(channel: "email", target: item.notice.target, hint: "set VIGIA_SMTP_URL or notifiers.smtp.url")
        }
        let mailer = SMTPMailer(url: url, username: smtp.username, password: smtp.password, timeout: smtp.timeout)
        let message = MailMessage(
            from: from, to: [item.notice.target], subject: item.notice.subject, body: item.notice.body,
            messageID: item.messageID, date: item.notice.createdAt,
            extraHeaders: [("X-Vigia-Task", Self.taskHeader(item.notice)), ("X-Vigia-Event", item.notice.eventID)])
        do {
            try mailer.send(message)
        } catch {
            throw .transport(target: item.notice.target, reason: error.description, temporary: error.isTemporary)
        }
    }

    /// The task id, or for a digest how many tasks it lists (the ids are in the body).
    static func taskHeader(_ notice: Notice) -> String {
        guard let covers = notice.covers else { return notice.taskID }
        return "digest of \(covers.count)"
    }
}
