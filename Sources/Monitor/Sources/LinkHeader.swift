import Foundation

/// RFC 8288 `Link` header: `<https://…?min_id=9>; rel="prev", <https://…?max_id=3>; rel="next"`.
/// Mastodon pages its timelines and notifications with it.
enum LinkHeader {
    /// The target of each relation, by `rel` (a `rel="prev first"` names two).
    static func targets(_ header: String?) -> [String: URL] {
        guard let header else { return [:] }
        var result: [String: URL] = [:]
        for part in splitLinks(header) {
            guard let open = part.firstIndex(of: "<"), let close = part[open...].firstIndex(of: ">"),
                let url = URL(string: String(part[part.index(after: open)..<close]))
            else { continue }
            for parameter in part[part.index(after: close)...].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { continue }
                for rel in pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ") {
                    result[rel.lowercased()] = url
                }
            }
        }
        return result
    }

    /// Splits at the commas between links, not those inside `<…>` or quotes.
    private static func splitLinks(_ header: String) -> [Substring] {
        var parts: [Substring] = []
        var start = header.startIndex, inURL = false, inQuote = false
        for index in header.indices {
            switch header[index] {
            case "<" where !inQuote: inURL = true
            case ">" where !inQuote: inURL = false
            case "\"" where !inURL: inQuote.toggle()
            case "," where !inURL && !inQuote:
                parts.append(header[start..<index])
                start = header.index(after: index)
            default: break
            }
        }
        parts.append(header[start...])
        return parts
    }
}
