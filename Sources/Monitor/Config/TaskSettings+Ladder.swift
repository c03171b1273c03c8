import Foundation
import ReputationCore

/// `escalation`: {"levels": [{"name": "community manager", "after": "0m", "email": ["cm@example.com"],
/// "webhooks": ["team-chat"], "commands": ["pager"], "crisis": "warning", "actions": ["reply_publicly"]}, …]}.
/// `after` is how long past the deadline the level is notified; `crisis` the lowest crisis level that notifies it
/// at once. `actions` (optional) lists what the level is expected to do, from the action vocabulary only.
/// `press: true` marks the press contact: press tasks go there at once, overdue complaints skip it.
enum LadderReader {
    static func read(_ escalation: ConfigObject) throws(ConfigError) -> [LadderLevel] {
        var ladder: [LadderLevel] = []
        for level in try escalation.objects("levels") ?? [] {
            let name = try level.requiredString("name", "the level's name, e.g. \"team lead\"")
            let after = try level.duration("after", in: 0...365 * 86_400) ?? 0
            let emails = try level.strings("email") ?? []
            for (index, address) in emails.enumerated() where !isPlausibleAddress(address) {
                throw .invalid(file: level.file, key: level.keyPath("email") + "[\(index)]", expected: "an email address", found: "\"\(address)\"")
            }
            let crisisText = try level.string("crisis")
            let crisis = crisisText.flatMap(Crisis.Level.init(rawValue:))
            if let crisisText, crisis == nil {
                throw .invalid(file: level.file, key: level.keyPath("crisis"), expected: "\"watch\", \"warning\" or \"crisis\"", found: "\"\(crisisText)\"")
            }
            try checkActions(level)
            if let previous = ladder.last, after < previous.after {
                throw .invalid(file: level.file, key: level.keyPath("after"), expected: "at least the previous level's \(DurationText.describe(previous.after))", found: DurationText.describe(after))
            }
            ladder.append(
                LadderLevel(
                    name: name, after: after, emails: emails, webhooks: try level.strings("webhooks") ?? [],
                    commands: try level.strings("commands") ?? [], crisisLevel: crisis,
                    press: try level.bool("press") ?? false))
            try level.finish()
        }
        try escalation.finish()
        return ladder
    }

    static func checkActions(_ level: ConfigObject) throws(ConfigError) {
        for (index, name) in (try level.strings("actions") ?? []).enumerated() {
            let key = level.keyPath("actions") + "[\(index)]"
            let action: ResponseAction?
            do {
                action = try ResponseAction.parse(name, source: key)
            } catch {
                if case let .forbiddenAction(verb, _) = error { throw .forbiddenAction(file: level.file, key: key, action: verb) }
                throw .invalid(file: level.file, key: key, expected: "an action", found: "\"\(name)\"")
            }
            guard action != nil else {
                let known = ResponseAction.allCases.map(\.rawValue)
                throw .invalid(file: level.file, key: key, expected: "one of \(known.joined(separator: ", "))", found: "\"\(name)\"")
            }
        }
    }

    /// Enough to catch typos; the mailer validates strictly when sending.
    static func isPlausibleAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }
}
