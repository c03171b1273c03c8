internal import CCurl
import Foundation

/// Reads one mailbox through libcurl's IMAP, and only reads: the mailbox is opened with EXAMINE (read-only, RFC
/// 3501 §6.3.2), so fetching a message sets no \Seen flag, and no STORE, COPY, MOVE or EXPUNGE is ever sent.
/// (libcurl SELECTs a mailbox named in the URL before its first command; the EXAMINE that follows on the same
/// connection turns the session read-only before any message is fetched.) `imaps://` is TLS from the start;
/// `imap://` requires STARTTLS except to this machine.
package struct IMAPReader: Sendable {
    /// `imaps://host[:port]/MAILBOX` (or `imap://…`).
    package let url: URL
    package let username: String
    package let password: String
    package let timeout: Double
    package let caFile: String?

    /// The mailbox's state and the messages read, oldest UID first.
    package struct Batch: Sendable {
        package var uidValidity: UInt64
        /// Every UID above the one asked from, ascending (more than `messages` when the limit cut it).
        package var newUIDs: [UInt64]
        package var messages: [(uid: UInt64, raw: Data)]
    }

    package init(url: URL, username: String, password: String, timeout: Double = 30, caFile: String? = nil) {
        self.url = url
        self.username = username
        self.password = password
        self.timeout = timeout
        self.caFile = caFile
        CurlGlobal.initialize()
    }

    /// The mailbox name from the URL's path (`/INBOX` → `INBOX`).
    package var mailbox: String {
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        return path.isEmpty ? "INBOX" : path
    }

    /// Messages with a UID above the cursor's, oldest first, at most `limit` of them, fetched whole. When the
    /// mailbox's UIDVALIDITY is not the cursor's (or there is no cursor), UIDs start again from 1; without a cursor
    /// only the newest `newestOnly` are taken.
    package func read(after cursor: (validity: UInt64, uid: UInt64)?, newestOnly: Int?, limit: Int) throws(TransportError) -> Batch {
        let session = try IMAPSession(reader: self)
        let examined = try session.command("EXAMINE \(Self.quoted(mailbox))")
        guard let validity = Self.number(after: "[UIDVALIDITY ", in: examined) else {
            throw .curl(url: url, code: -1, message: "EXAMINE answered without UIDVALIDITY")
        }
        let from = cursor.map { $0.validity == validity ? $0.uid + 1 : 1 } ?? 1
        let found = try session.command("UID SEARCH UID \(from):*")
        // `n:*` always includes the highest UID, even below n: keep only those above.
        var uids = Self.searchResults(found).filter { $0 >= from }.sorted()
        if cursor == nil, let newestOnly { uids = Array(uids.suffix(newestOnly)) }
        var messages: [(uid: UInt64, raw: Data)] = []
        for uid in uids.prefix(max(limit, 0)) {
            messages.append((uid, try session.fetch(uid: uid)))
        }
        return Batch(uidValidity: validity, newUIDs: uids, messages: messages)
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func number(after marker: String, in text: String) -> UInt64? {
        guard let range = text.range(of: marker) else { return nil }
        return UInt64(text[range.upperBound...].prefix { $0.isNumber })
    }

    static func searchResults(_ text: String) -> [UInt64] {
        text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.dropFirst(8).split(separator: " ").compactMap { UInt64($0) } }
    }

    var isLoopback: Bool {
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// One IMAP connection on one easy handle: each `perform` reuses it (and the mailbox libcurl selected).
private final class IMAPSession {
    private let easy: EasyHandle
    private let reader: IMAPReader
    private var received = Data()
    /// A fetched message larger than this is refused (a mailbox is not a place for 64 MiB "mentions").
    private let maxBytes = 32 << 20

    init(reader: IMAPReader) throws(TransportError) {
        easy = try EasyHandle(url: reader.url)
        self.reader = reader
        try configure()
    }

    private func configure() throws(TransportError) {
        let secure = reader.url.scheme?.lowercased() == "imaps" || !reader.isLoopback
        try easy.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try easy.set(CURLOPT_USE_SSL, Int((secure ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        try easy.set(CURLOPT_USERNAME, reader.username)
        try easy.set(CURLOPT_PASSWORD, reader.password)
        if let caFile = reader.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(reader.timeout))
        try easy.set(CURLOPT_TIMEOUT_MS, milliseconds(reader.timeout))
        try easy.set(CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let session = Unmanaged<IMAPSession>.fromOpaque(context).takeUnretainedValue()
            return session.receive(UnsafeRawBufferPointer(start: buffer, count: size * count))
        }
        try easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    private func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard received.count + bytes.count <= maxBytes else { return 0 }  // aborts the transfer
        received.append(contentsOf: bytes)
        return bytes.count
    }

    /// A command on the mailbox; its untagged answers as text.
    func command(_ text: String) throws(TransportError) -> String {
        try easy.set(CURLOPT_URL, mailboxURL(uid: nil))
        try easy.set(CURLOPT_CUSTOMREQUEST, text)
        try perform()
        return String(decoding: received, as: UTF8.self)
    }

    /// `UID FETCH <uid> BODY[]` on the examined (read-only) mailbox: the whole message, no flag changed.
    func fetch(uid: UInt64) throws(TransportError) -> Data {
        try easy.set(CURLOPT_CUSTOMREQUEST, pointer: nil)
        try easy.set(CURLOPT_URL, mailboxURL(uid: uid))
        try perform()
        return received
    }

    private func mailboxURL(uid: UInt64?) -> String {
        var text = reader.url.absoluteString
        if text.hasSuffix("/") { text.removeLast() }
        if reader.url.path.isEmpty || reader.url.path == "/" { text += "/INBOX" }
        return uid.map { text + ";UID=\($0)" } ?? text
    }

    private func perform() throws(TransportError) {
        received = Data()
        easy.clearError()
        let code = curl_easy_perform(easy.raw)
        guard code != CURLE_OK else { return }
        let message = easy.errorMessage
        switch code {
        case CURLE_LOGIN_DENIED: throw .loginDenied(url: reader.url, username: reader.username)
        case CURLE_OPERATION_TIMEDOUT: throw .timedOut(url: reader.url, seconds: reader.timeout)
        case CURLE_USE_SSL_FAILED: throw .tls(url: reader.url, reason: message.isEmpty ? "server offers no STARTTLS" : message)
        default: throw CurlFailure.error(code: code, url: reader.url, message: message)
        }
    }
}
