import ReputationCore

/// Refuses configuration that asks to remove criticism, before strict parsing, so the message says *why*
/// rather than "unknown key". Looks at every key and every string value of action-like keys.
enum NoDeletionGuard {
    static let actionKeys: Set<String> = ["action", "actions", "on_negative", "on_complaint", "auto_action", "do"]

    static func check(_ value: Any, file: String, path: String = "") throws(ConfigError) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let verb = removalVerb(in: key) { throw .forbiddenAction(file: file, key: keyPath, action: verb) }
                if actionKeys.contains(key.lowercased()) { try checkActionValue(child, file: file, path: keyPath) }
                try check(child, file: file, path: keyPath)
            }
        } else if let array = value as? [Any] {
            for (index, child) in array.enumerated() { try check(child, file: file, path: "\(path)[\(index)]") }
        }
    }

    private static func checkActionValue(_ value: Any, file: String, path: String) throws(ConfigError) {
        let texts = (value as? [Any])?.compactMap { $0 as? String } ?? [(value as? String)].compactMap { $0 }
        for text in texts {
            // As an action, "report" means reporting the post to the platform to have it taken down.
            let first = text.lowercased().split(whereSeparator: { !$0.isLetter }).first
            if let verb = removalVerb(in: text) ?? (first == "report" ? "report" : nil) {
                throw .forbiddenAction(file: file, key: path, action: verb + " a post")
            }
        }
    }

    /// The removal verb a key or action value starts with ("delete", "hide_post", "auto_delete", "block user").
    /// Only a leading verb counts, so "ask_to_remove_private_data" (asking the customer) is fine.
    static func removalVerb(in text: String) -> String? {
        var lowered = text.lowercased()
        if lowered.hasPrefix("auto_") || lowered.hasPrefix("auto-") { lowered.removeFirst(5) }
        let words = lowered.split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard let first = words.first else { return nil }
        if RemovalWording.commandWords.contains(first) { return first }
        // "report" alone may name a report; "report_post" asks the platform to take a post down.
        if first == "report", words.count > 1, ["post", "posts", "user", "author"].contains(words[1]) { return "report" }
        return nil
    }
}
