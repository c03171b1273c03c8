import Foundation

/// A configuration problem, naming the file, the key and what was expected. Exit code 65.
package enum ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(file: String, reason: String)
    case malformedJSON(file: String, reason: String)
    case invalid(file: String, key: String, expected: String, found: String)
    case missing(file: String, key: String, expected: String)
    case unknownKey(file: String, key: String, suggestion: String?)
    case missingEnvironment(file: String, key: String, variable: String)
    case forbiddenAction(file: String, key: String, action: String)
    case duplicateFeed(id: String, files: [String])
    case noFeedsFolder(path: String)

    /// The file the problem is in; nil when it is about the folder or two files.
    package var file: String? {
        switch self {
        case .unreadable(let file, _), .malformedJSON(let file, _), .invalid(let file, _, _, _), .missing(let file, _, _),
            .unknownKey(let file, _, _), .missingEnvironment(let file, _, _), .forbiddenAction(let file, _, _):
            return file
        case .duplicateFeed, .noFeedsFolder: return nil
        }
    }

    package var description: String {
        let text = fullDescription
        // Hostile files can carry megabyte keys; a message must stay readable.
        return text.count > 600 ? String(text.prefix(600)) + "…" : text
    }

    private var fullDescription: String {
        func short(_ key: String) -> String { key.count > 80 ? String(key.prefix(80)) + "…" : key }
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .malformedJSON(file, reason): return "\(file): not valid JSON: \(reason)"
        case let .invalid(file, key, expected, found): return "\(file): key '\(short(key))': expected \(expected), found \(found)"
        case let .missing(file, key, expected): return "\(file): key '\(short(key))' is required (\(expected))"
        case let .unknownKey(file, key, suggestion):
            return "\(file): unknown key '\(short(key))'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .missingEnvironment(file, key, variable):
            return "\(file): key '\(short(key))' uses ${\(variable)}, but the environment variable \(variable) is not set"
        case let .forbiddenAction(file, key, action):
            return "\(file): key '\(short(key))' asks to \(action) — Vigía never deletes, hides, blocks or reports posts, "
                + "tasks or journal entries: criticism is answered, not removed"
        case let .duplicateFeed(id, files):
            return "feed id '\(id)' is defined twice: \(files.joined(separator: ", ")) — the same name in two Unicode "
                + "forms (composed and decomposed accents) is one name to Vigía; rename one"
        case let .noFeedsFolder(path): return "\(path): feeds folder not found (set --feeds or VIGIA_FEEDS)"
        }
    }
}
