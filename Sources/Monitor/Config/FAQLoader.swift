import Foundation
import ReputationCore

/// The shop's FAQ: `feeds/faq.<lang>.txt`, one file per language (optional). Read once with the settings; a bad
/// line stops the run naming the file and line.
enum FAQLoader {
    static func load(feedsFolder: URL) throws(ConfigError) -> [String: FAQ] {
        var faqs: [String: FAQ] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: feedsFolder.path)) ?? []).sorted()
        for name in names where name.hasPrefix("faq.") && name.hasSuffix(".txt") {
            let language = String(name.dropFirst("faq.".count).dropLast(".txt".count))
            let path = feedsFolder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(file: path, reason: "not readable UTF-8 text")
            }
            do {
                faqs[language] = try FAQ.parse(text, file: path)
            } catch {
                switch error {
                case let .forbiddenAction(action, source): throw .forbiddenAction(file: source, key: "answer", action: action)
                case let .invalidTemplate(file, line, reason): throw .invalid(file: file, key: "line \(line)", expected: "a FAQ line", found: reason)
                default: throw .invalid(file: path, key: "faq", expected: "a valid FAQ", found: error.description)
                }
            }
        }
        return faqs
    }
}
