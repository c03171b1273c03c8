/// Checks on request header fields, so a value from configuration cannot smuggle in another header.
enum HeaderField {
    /// RFC 9110 token characters for the name; no CR, LF or NUL in the value.
    static func isSafe(name: String, value: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isTokenCharacter)
            && !value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    /// The name as it may appear in an error message: token characters kept, anything else as '?'.
    static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.prefix(64).map { isTokenCharacter($0) ? $0 : "?" }))
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }
}
