/// Suggested-reply wording, per language and section, several variants each. The format (feeds/templates/*.txt):
///
///     # comment
///     [complaint]
///     Hola {name}, lamentamos mucho lo ocurrido. ...
///     Hola {name}, sentimos las molestias. ...
///
/// One variant per line under a `[section]` header. Placeholders: `{name}`, `{initials}`, `{hours}`, `{channel}`,
/// `{data}` (the kind of private data exposed). Wording that asks to delete, hide, block or report, or that argues
/// with the customer, is refused at load.
public struct ReplyTemplates: Sendable, Hashable {
    public enum Section: String, Sendable, CaseIterable {
        /// Opening for a complaint: name, apology without admitting blame, the next step.
        case complaint
        case question
        /// Opening for a negative comment that is not a complaint.
        case comment
        case crisis
        /// Asking, privately, for the details we need (order number, contact).
        case privateRequest = "private_request"
        /// The post exposed private data: ask privately that it be taken off the public post.
        case privateData = "private_data"
        /// Telling the customer the team's hours (when not 24×7).
        case hours
        case signOff = "sign_off"
    }

    /// language → section → variants.
    public private(set) var languages: [String: [Section: [String]]]

    public init(languages: [String: [Section: [String]]] = [:]) {
        self.languages = languages
    }

    /// Adds (replacing) one language's sections.
    public mutating func set(_ sections: [Section: [String]], for language: String) {
        languages[language] = sections
    }

    /// The variants for a section in a language, falling back to English, then Spanish.
    public func variants(_ section: Section, language: String) -> [String] {
        for candidate in [language, "en", "es"] {
            if let found = languages[candidate]?[section], !found.isEmpty { return found }
        }
        return []
    }

    /// Parses one language file. `file` is used in errors.
    public static func parse(_ text: String, file: String) throws(TaskError) -> [Section: [String]] {
        var sections: [Section: [String]] = [:]
        var current: Section?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast())
                guard let section = Section(rawValue: name) else {
                    let known = Section.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidTemplate(file: file, line: index + 1, reason: "unknown section [\(name)]; known: \(known)")
                }
                current = section
                continue
            }
            guard let section = current else {
                throw .invalidTemplate(file: file, line: index + 1, reason: "text before any [section] header")
            }
            try check(line, file: file, line: index + 1)
            sections[section, default: []].append(line)
        }
        return sections
    }

    /// Refuses removal wording and arguing; checks placeholders.
    static func check(_ variant: String, file: String, line: Int) throws(TaskError) {
        if let verb = RemovalWording.verb(in: variant) {
            throw .forbiddenAction(action: verb, source: "\(file):\(line)")
        }
        let lowered = variant.lowercased()
        if let phrase = arguing.first(where: { lowered.contains($0) }) {
            throw .invalidTemplate(file: file, line: line, reason: "replies never argue with the customer ('\(phrase)')")
        }
        var rest = Substring(variant)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .invalidTemplate(file: file, line: line, reason: "unclosed '{'")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                let known = placeholders.sorted().map { "{\($0)}" }.joined(separator: " ")
                throw .invalidTemplate(file: file, line: line, reason: "unknown placeholder {\(name)}; known: \(known)")
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    static let placeholders: Set<String> = ["name", "initials", "hours", "channel", "data"]

    static let arguing = [
        "you are wrong", "you're wrong", "that's not true", "that is not true", "actually, ", "as we already said",
        "te equivocas", "se equivoca", "no es cierto", "no es verdad", "como ya te dijimos", "como ya dijimos",
    ]
}
