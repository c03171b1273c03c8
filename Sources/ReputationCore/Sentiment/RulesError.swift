/// Why the rule files could not be loaded; every case names the file (and line) a user has to fix.
package enum RulesError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No rules folder was found; `searched` lists the places tried, in order.
    case notFound(searched: [String])
    /// A rule file exists but could not be read as UTF-8 text.
    case unreadable(file: String, reason: String)
    /// A line of a rule file is malformed.
    case badLine(file: String, line: Int, reason: String)

    package var description: String {
        switch self {
        case .notFound(let searched):
            return "sentiment rules not found (set VIGIA_RULES to the Rules folder); looked in: "
                + searched.joined(separator: ", ")
        case .unreadable(let file, let reason):
            return "\(file): cannot read rule file: \(reason)"
        case .badLine(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        }
    }
}
