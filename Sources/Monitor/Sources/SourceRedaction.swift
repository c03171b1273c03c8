/// Removes every secret a poll knows of (configured credentials, tokens it obtained) from text that leaves it:
/// error messages, problems. Servers echo what they were sent; a message must never carry it on.
struct SourceRedaction: Sendable {
    private(set) var secrets: [String] = []

    mutating func add(_ secret: String?) {
        guard let secret, secret.count >= 4, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }  // longest first: a token containing another is removed whole
    }

    func clean(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
