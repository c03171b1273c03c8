import CurlTransport
import Foundation
import ReputationCore

/// The support inbox (`"source": "imap"`), read through libcurl's IMAP and only read (see `IMAPReader`). The
/// cursor is the mailbox's (UIDVALIDITY, highest UID taken): UIDs only grow within one UIDVALIDITY, so a poll asks
/// for the UIDs above the cursor; when the server changes UIDVALIDITY (a rebuilt mailbox) every message is read
/// again from UID 1, and the ones already recorded stay one mention each (their Message-ID is their identity).
/// The sender's name and address become the author, the subject and plain-text body the post.
struct IMAPSource: SourceKind {
    static let name = "imap"
    static let keys = ["url", "username", "password"]
    /// Messages one "page" stands for (the page cap per poll applies to pages of this size).
    static let pageSize = 50

    var url: URL
    var username: String
    var password: String

    var address: URL { url }

    init(reading object: ConfigObject, environment: [String: String]) throws(ConfigError) {
        url = try object.address("url", default: nil, secure: ["imaps"], plain: ["imap"])
        guard url.path.allSatisfy({ $0.isASCII && !$0.isNewline && $0 != "\"" && $0 != "\\" }) else {
            throw .invalid(file: object.file, key: "url", expected: "an ASCII mailbox name such as /INBOX", found: "another path")
        }
        username = try object.setting("username", environment: environment, required: true, expected: "the mailbox's login")!
        password = try object.secret("password", environment: environment, required: true)!
    }

    func poll(_ poll: inout SourcePoll) throws(SourceFailure) {
        let reader = IMAPReader(
            url: url, username: username, password: poll.secret(password), timeout: poll.limits.totalTimeout,
            caFile: poll.limits.caFile)
        let validity = poll.cursor["uidvalidity"].flatMap(UInt64.init)
        let last = poll.cursor["uid"].flatMap(UInt64.init)
        let limit = (poll.checkOnly ? 1 : poll.maxPages) * Self.pageSize
        let batch: IMAPReader.Batch
        do {
            // A first poll starts listening at the newest page; a changed UIDVALIDITY re-reads from UID 1.
            batch = try reader.read(after: validity.map { ($0, last ?? 0) }, newestOnly: validity == nil ? Self.pageSize : nil, limit: limit)
        } catch {
            throw Self.failure(error, account: username)
        }
        if let validity, validity != batch.uidValidity {
            poll.notes.append("IMAP: UIDVALIDITY of \(reader.mailbox) changed (\(validity) → \(batch.uidValidity)); re-reading it, recorded mail stays recorded once")
        }
        for message in batch.messages {
            poll.take([MailText.item(from: message.raw, uid: message.uid)], from: .own)
        }
        guard !poll.checkOnly else { return }
        poll.cursor["uidvalidity"] = String(batch.uidValidity)
        if let newest = batch.messages.last?.uid ?? (batch.uidValidity == validity ? last : nil) {
            poll.cursor["uid"] = String(newest)
        } else {
            poll.cursor["uid"] = "0"
        }
    }

    static func failure(_ error: TransportError, account: String) -> SourceFailure {
        switch error {
        case .loginDenied(let url, _): return .credentialRejected("IMAP: password rejected for \(account) at \(url.host ?? "the server")")
        case .tls: return .permissionMissing("IMAP: \(error.description)")
        default: return .unavailable("IMAP: \(error.description)")
        }
    }
}
