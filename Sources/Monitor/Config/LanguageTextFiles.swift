import Foundation
import ReputationCore

/// The text files a shop writes once per language, `PREFIX.<lang>.txt` in one folder (reply templates, the FAQ):
/// found in name order, read as UTF-8 and parsed, a parse error becoming a configuration error that names the
/// file and line.
enum LanguageTextFiles {
    /// `what` says what a file holds ("a valid template"), `key` what the error is about ("template").
    static func read<Value>(
        in folder: URL, prefix: String, what: String, key: String,
        parse: (_ text: String, _ path: String) throws(TaskError) -> Value
    ) throws(ConfigError) -> [String: Value] {
        var values: [String: Value] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name.hasPrefix(prefix + ".") && name.hasSuffix(".txt") {
            let language = String(name.dropFirst(prefix.count + 1).dropLast(".txt".count))
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(file: path, reason: "not readable UTF-8 text")
            }
            do {
                values[language] = try parse(text, path)
            } catch {
                switch error {
                case let .forbiddenAction(action, source): throw .forbiddenAction(file: source, key: key, action: action)
                case let .invalidTemplate(file, line, reason): throw .invalid(file: file, key: "line \(line)", expected: what, found: reason)
                default: throw .invalid(file: path, key: key, expected: what, found: error.description)
                }
            }
        }
        return values
    }
}
