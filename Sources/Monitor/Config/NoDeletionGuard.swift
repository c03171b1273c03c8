import ReputationCore

/// Refuses configuration that asks to remove criticism, before strict parsing, so the message says *why*
/// rather than "unknown key". Looks at every key and every string value of action-like keys; what counts as a
/// removal is `NoDeletionPolicy`'s, the same rule the command line and the action vocabulary use.
enum NoDeletionGuard {
    static let actionKeys: Set<String> = ["action", "actions", "on_negative", "on_complaint", "auto_action", "do"]

    static func check(_ value: JSONValue, file: String, path: String = "") throws(ConfigError) {
        switch value {
        case .object(let members):
            for member in members {
                let (key, child) = (member.key, member.value)
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let verb = NoDeletionPolicy.removal(asKey: key) { throw .forbiddenAction(file: file, key: keyPath, action: verb) }
                if actionKeys.contains(key.lowercased()) { try checkActionValue(child, file: file, path: keyPath) }
                try check(child, file: file, path: keyPath)
            }
        case .array(let elements):
            for (index, child) in elements.enumerated() { try check(child, file: file, path: "\(path)[\(index)]") }
        default: break
        }
    }

    private static func checkActionValue(_ value: JSONValue, file: String, path: String) throws(ConfigError) {
        let texts = value.array?.compactMap(\.string) ?? [value.string].compactMap { $0 }
        for text in texts {
            if let verb = NoDeletionPolicy.removal(asAction: text) {
                throw .forbiddenAction(file: file, key: path, action: verb + " a post")
            }
        }
    }
}
