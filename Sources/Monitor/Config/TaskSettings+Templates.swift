import Foundation
import ReputationCore

/// Reply templates from `templates` (a folder, relative to feeds/; default feeds/templates when it exists), files
/// `replies.<language>.txt`. Without a folder the built-in set is used. Removal wording is refused at load.
enum TemplateLoader {
    static func load(_ root: ConfigObject, feedsFolder: URL) throws(ConfigError) -> ReplyTemplates {
        let configured = try root.string("templates")
        let folder = configured.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : feedsFolder.appendingPathComponent($0) }
            ?? feedsFolder.appendingPathComponent("templates")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            if configured != nil {
                throw .invalid(file: root.file, key: "templates", expected: "a folder of replies.<lang>.txt files", found: "\"\(folder.path)\" (missing)")
            }
            return .builtIn
        }
        return try load(folder: folder)
    }

    static func load(folder: URL) throws(ConfigError) -> ReplyTemplates {
        var templates = ReplyTemplates()
        let files = try LanguageTextFiles.read(in: folder, prefix: "replies", what: "a valid template", key: "template") {
            (text, path) throws(TaskError) in try ReplyTemplates.parse(text, file: path)
        }
        for (language, wording) in files.sorted(by: { $0.key < $1.key }) { templates.set(wording, for: language) }
        guard !templates.languages.isEmpty else {
            throw .invalid(file: folder.path, key: "templates", expected: "replies.es.txt and/or replies.en.txt", found: "no template files")
        }
        return templates
    }
}
