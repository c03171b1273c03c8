/// Suggested-reply wording, per language and section, several variants each. The format (feeds/templates/*.txt):
///
///     # comment
///     [complaint]
///     Hola {name}, lamentamos mucho lo ocurrido. ...
///     Hola {name}, sentimos las molestias. ...
///     [next_step:refund]
///     Te confirmamos por privado el estado del reembolso y la fecha en que lo verás en tu cuenta.
///
/// One variant per line under a `[section]` header; `[next_step:<category>]` holds the real next step for a
/// complaint (or a question) about that category. Placeholders: `{name}` (the greeting for the channel: u/name,
/// @handle or the display name), `{initials}`, `{hours}`, `{channel}`, `{data}` (the kind of private data
/// exposed). Wording that asks to delete, hide, block or report, or that argues with the customer, is refused
/// at load.
package struct ReplyTemplates: Sendable, Hashable {
    package enum Section: String, Sendable, CaseIterable {
        /// Opening for a complaint: name, apology without admitting blame (the category's next step follows).
        case complaint
        /// Opening for a question (the FAQ's answer, or `unanswered`, follows).
        case question
        /// A question the FAQ does not answer: we'll find out and write back.
        case unanswered
        /// Thanks for praise.
        case praise
        /// News, articles, reviews, journalists: thanks and the press contact; no apology, no order number.
        case press
        /// Opening for a negative comment that is not a complaint.
        case comment
        case crisis
        /// Asking, privately, for the details we need (order number, contact).
        case privateRequest = "private_request"
        /// The post exposed private data: ask privately that it be taken off the package post.
        case privateData = "private_data"
        /// A private message could not go out (the customer accepts none from the account): the public answer
        /// asking them to write privately instead.
        case privateClosed = "private_closed"
        /// Telling the customer the team's hours (when not 24×7).
        case hours
        case signOff = "sign_off"
    }

    /// One language's wording: the sections and the next step per complaint category.
    package struct Language: Sendable, Hashable {
        package var sections: [Section: [String]] = [:]
        /// Category id ("refund", "late_delivery", …) → variants of its next step.
        package var nextSteps: [String: [String]] = [:]

        package init(sections: [Section: [String]] = [:], nextSteps: [String: [String]] = [:]) {
            self.sections = sections
            self.nextSteps = nextSteps
        }

        package subscript(section: Section) -> [String]? { sections[section] }
    }

    package private(set) var languages: [String: Language]

    package init(languages: [String: Language] = [:]) {
        self.languages = languages
    }

    /// Adds (replacing) one language's wording.
    package mutating func set(_ wording: Language, for language: String) {
        languages[language] = wording
    }

    /// The variants for a section in a language, falling back to English, then Spanish.
    package func variants(_ section: Section, language: String) -> [String] {
        for candidate in [language, "en", "es"] {
            if let found = languages[candidate]?.sections[section], !found.isEmpty { return found }
        }
        return []
    }

    /// The next-step variants for a category in a language (same fallbacks); empty when none is written.
    package func nextSteps(_ category: String, language: String) -> [String] {
        for candidate in [language, "en", "es"] {
            if let found = languages[candidate]?.nextSteps[category], !found.isEmpty { return found }
        }
        return []
    }

    /// Parses one language file. `file` is used in errors.
    package static func parse(_ text: String, file: String) throws(TaskError) -> Language {
        var wording = Language()
        var current: Section?
        var category: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast())
                if name.hasPrefix("next_step:") {
                    let id = String(name.dropFirst("next_step:".count))
                    guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0 == "_" }) else {
                        throw .invalidTemplate(file: file, line: index + 1, reason: "[next_step:<category>] needs a category id such as refund")
                    }
                    (current, category) = (nil, id)
                    continue
                }
                guard let section = Section(rawValue: name) else {
                    let known = Section.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidTemplate(file: file, line: index + 1, reason: "unknown section [\(name)]; known: \(known), next_step:<category>")
                }
                (current, category) = (section, nil)
                continue
            }
            try check(line, file: file, line: index + 1)
            if let section = current {
                wording.sections[section, default: []].append(line)
            } else if let category {
                wording.nextSteps[category, default: []].append(line)
            } else {
                throw .invalidTemplate(file: file, line: index + 1, reason: "text before any [section] header")
            }
        }
        return wording
    }

    /// Refuses removal wording and arguing; checks placeholders.
    static func check(_ variant: String, file: String, line: Int) throws(TaskError) {
        if let verb = NoDeletionPolicy.removal(inText: variant) {
            throw .forbiddenAction(action: verb, source: "\(file):\(line)")
        }
        if let phrase = arguingPhrase(in: variant) {
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

    /// The phrase that argues with the customer ("you're wrong", "no es cierto"), or nil: templates, FAQ answers
    /// and the text of `vigia reply --text` are held to the same rule.
    package static func arguingPhrase(in text: String) -> String? {
        let lowered = text.lowercased()
        return arguing.first { lowered.contains($0) }
    }

    static let placeholders: Set<String> = ["name", "initials", "hours", "channel", "data"]

    static let arguing = [
        "you are wrong", "you're wrong", "that's not true", "that is not true", "actually, ", "as we already said",
        "te equivocas", "se equivoca", "no es cierto", "no es verdad", "como ya te dijimos", "como ya dijimos",
    ]
}
