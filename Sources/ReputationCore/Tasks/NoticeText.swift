import Foundation

/// The words of an escalation notice: a one-line subject (post text and names are flattened so they can never
/// add a line to a mail header), a plain-text body, and flat fields for webhooks and hooks.
enum NoticeText {
    struct Message {
        var subject: String
        var body: String
        var fields: [String: String]
    }

    static func message(task: ResponseTask, level: LadderLevel, reason: Escalation.Reason, settings: TaskSettings, now: Date) -> Message {
        let left = task.deadline.timeIntervalSince(now)
        let timing = left >= 0 ? "due in \(describe(left))" : "overdue by \(describe(-left))"
        let who = oneLine(task.author.displayName ?? "unknown author")
        let headline: String
        switch reason {
        case .warning: headline = "About to breach"
        case .crisis: headline = "Crisis \(task.crisisLevel?.rawValue ?? "")"
        case .ended: headline = "Crisis ended"
        // A press task goes out at once under the same loud headline as an overdue one.
        case .overdue, .press: headline = "OVERDUE"
        }
        let subject = oneLine("[Vigía] \(headline): \(task.priority.rawValue) on \(task.channel) by \(who) (\(timing)) — \(task.id)")
        var lines = [
            "\(headline) — for \(level.name).",
            "",
            "Task:      \(task.id) (\(task.kind.rawValue), \(task.priority.rawValue), \(task.state.rawValue))",
            "Deadline:  \(ISOTime.format(task.deadline)) — \(timing)",
            "Channel:   \(SafeText.line(task.channel))",
            "Author:    \(who)" + (task.author.reach.map { " (reach \($0))" } ?? ""),
        ]
        // Everything from a post is cleaned: a line break in a URL must not add a line to the mail or chat message.
        if let url = task.url { lines.append("Link:      \(SafeText.url(url))") }
        lines.append("Reasons:   \(SafeText.line(task.reasons.joined(separator: "; ")))")
        lines += ["", "The post:", quoted(task.text), ""]
        if !task.suggestedReply.isEmpty { lines += ["Suggested reply (same channel):", quoted(task.suggestedReply), ""] }
        if !task.checklist.isEmpty { lines += ["Crisis checklist:"] + task.checklist.map { "  [ ] \(SafeText.line($0))" } + [""] }
        lines.append("Acknowledge once the customer was told the next steps:  vigia ack \(task.id) --note \"…\"")
        let fields = [
            "task_id": task.id, "kind": task.kind.rawValue, "priority": task.priority.rawValue,
            "state": task.state.rawValue, "reason": reason.rawValue, "level": level.name,
            "deadline": ISOTime.format(task.deadline), "timing": timing, "channel": SafeText.line(task.channel),
            "author": who, "url": task.url.map(SafeText.url) ?? "", "text": SafeText.lines(task.text),
            "suggested_reply": SafeText.lines(task.suggestedReply),
            "reasons": SafeText.line(task.reasons.joined(separator: "; ")), "at": ISOTime.format(now),
        ]
        return Message(subject: subject, body: lines.joined(separator: "\n") + "\n", fields: fields)
    }

    static func describe(_ seconds: TimeInterval) -> String {
        var rest = Int(seconds.rounded())
        let days = rest / 86_400
        rest %= 86_400
        let parts = [(days, "d"), (rest / 3600, "h"), ((rest % 3600) / 60, "m")].filter { $0.0 > 0 }.prefix(2)
        return parts.isEmpty ? "\(rest % 60)s" : parts.map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }

    /// Control characters (CR, LF, tabs, …) become spaces: a subject is one line whatever the post contained.
    static func oneLine(_ text: String) -> String {
        let flat = SafeText.line(text)
        let collapsed = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.count > 200 ? String(collapsed.prefix(199)) + "…" : collapsed
    }

    static func quoted(_ text: String) -> String {
        SafeText.lines(text).split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }
}
