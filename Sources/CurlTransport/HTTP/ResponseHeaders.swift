import Foundation

/// Collects response header lines as curl delivers them. A status line starts a new response
/// (after a redirect or a 100 Continue), so only the final response's headers remain.
struct ResponseHeaders {
    private(set) var fields: [String: String] = [:]
    private var lastName: String?

    mutating func receive(line bytes: UnsafeRawBufferPointer) {
        // Header bytes are not guaranteed UTF-8; ISO-8859-1 maps every byte and keeps ASCII exact.
        let line = String(bytes: bytes, encoding: .isoLatin1) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            fields = [:]
            lastName = nil
        } else if let first = line.first, first == " " || first == "\t", let name = lastName {
            fields[name, default: ""] += " " + trimmed  // obsolete line folding
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            fields[name] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lastName = name
        }
    }
}
