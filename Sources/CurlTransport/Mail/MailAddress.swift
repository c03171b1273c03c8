import Foundation

/// A mailbox: optional display name plus an ASCII addr-spec, checked so it is safe in the SMTP envelope
/// ("<addr>") and in a header.
struct MailAddress: Equatable {
    let displayName: String?
    let address: String

    /// Accepts "user@example.com" or "Display Name <user@example.com>".
    init(parsing text: String) throws(TransportError) {
        let clean = MailHeaderText.sanitized(text)
        if clean.hasSuffix(">"), let open = clean.lastIndex(of: "<") {
            let name = clean[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            displayName = name.isEmpty ? nil : name
            address = String(clean[clean.index(after: open)..<clean.index(before: clean.endIndex)])
        } else {
            displayName = nil
            address = clean
        }
        if let problem = Self.problem(with: address) {
            throw .invalidAddress(address: MailHeaderText.sanitized(text), reason: problem)
        }
    }

    /// The envelope form for MAIL FROM / RCPT TO.
    var envelope: String { "<\(address)>" }

    /// The header form; a non-ASCII display name becomes encoded-words, an ASCII one is quoted when needed.
    var headerValue: String {
        guard let name = displayName else { return address }
        if !name.unicodeScalars.allSatisfy(\.isASCII) {
            return MailHeaderText.encodedWords(name).joined(separator: " ") + " <\(address)>"
        }
        let atext = name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)
        }
        let quoted =
            atext
            ? name
            : "\""
                + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "\(quoted) <\(address)>"
    }

    private static func problem(with address: String) -> String? {
        let forbidden = Set("<>()[],;:\\\" ".unicodeScalars)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        if address.utf8.count > 254 { return "longer than 254 bytes" }
        if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty {
            return "expected exactly one '@' between local part and domain"
        }
        if !address.unicodeScalars.allSatisfy(\.isASCII) { return "non-ASCII addresses (SMTPUTF8) are not supported" }
        if address.unicodeScalars.contains(where: { forbidden.contains($0) || $0.value < 0x21 || $0.value == 0x7F }) {
            return "contains a space, control or special character"
        }
        return nil
    }
}
