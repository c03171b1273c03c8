import Foundation
import ReputationCore

/// The shop's FAQ: `feeds/faq.<lang>.txt`, one file per language (optional). Read once with the settings; a bad
/// line stops the run naming the file and line.
enum FAQLoader {
    static func load(feedsFolder: URL) throws(ConfigError) -> [String: FAQ] {
        try LanguageTextFiles.read(in: feedsFolder, prefix: "faq", what: "a FAQ line", key: "answer") {
            (text, path) throws(TaskError) in try FAQ.parse(text, file: path)
        }
    }
}
