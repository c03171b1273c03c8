import ReputationCore

/// Refuses configuration that asks to remove criticism, before strict parsing, so the message says *why*
/// rather than "unknown key". Looks at every key and every string value of action-like keys; what counts as a
/// removal is `NoDeletionPolicy`'s, the same rule the command line and the action vocabulary use.
enum NoDeletionGuard {
    static let actionKeys: Set<String> = ["action", "actions", "on_negative", "on_complaint", "auto_action", "do"]

    static func check(_ value: Any, file: String, path: String = "") throws(ConfigError) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let verb = NoDeletionPolicy.removal(asKey: key) { throw .forbiddenAction(file: file, key: keyPath, action: verb) }
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
            if let verb = NoDeletionPolicy.removal(asAction: text) {
                throw .forbiddenAction(file: file, key: path, action: verb + " a post")
            }
        }
    }
}
