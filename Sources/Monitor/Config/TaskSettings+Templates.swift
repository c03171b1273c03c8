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
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name.hasPrefix("replies.") && name.hasSuffix(".txt") {
            let language = String(name.dropFirst("replies.".count).dropLast(".txt".count))
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(file: path, reason: "not readable UTF-8 text")
            }
            do {
                templates.set(try ReplyTemplates.parse(text, file: path), for: language)
            } catch {
                switch error {
                case let .forbiddenAction(action, source): throw .forbiddenAction(file: source, key: "template", action: action)
                case let .invalidTemplate(file, line, reason): throw .invalid(file: file, key: "line \(line)", expected: "a valid template", found: reason)
                default: throw .invalid(file: path, key: "template", expected: "a valid template", found: error.description)
                }
            }
        }
        guard !templates.languages.isEmpty else {
            throw .invalid(file: folder.path, key: "templates", expected: "replies.es.txt and/or replies.en.txt", found: "no template files")
        }
        return templates
    }
}
