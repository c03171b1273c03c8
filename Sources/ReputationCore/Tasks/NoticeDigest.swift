import Foundation

/// Folds many notices for one recipient in one run into a single digest, so a backlog (a first run over days of
/// posts, a long outage) sends each person one message instead of dozens. A recipient with at most `limit`
/// notices gets them one by one (Message-ID stable per event and recipient); above that, one digest whose id is
/// stable for that set of events and that recipient, and which records the notices it covers.
package enum NoticeDigest {
    package static func combine(_ notices: [Notice], limit: Int, now: Date) -> [Notice] {
        guard limit > 0 else { return notices }
        var order: [String] = []
        var groups: [String: [Notice]] = [:]
        for notice in notices {
            let key = notice.channel.rawValue + "\u{1F}" + notice.target
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(notice)
        }
        return order.flatMap { key -> [Notice] in
            let group = groups[key] ?? []
            return group.count > limit ? [digest(group, now: now)] : group
        }
    }

    static func digest(_ group: [Notice], now: Date) -> Notice {
        let first = group[0]
        let tasks = group.map(\.taskID)
        let overdue = group.count { $0.reason == .overdue }
        let warnings = group.count { $0.reason == .warning }
        let crises = group.count { $0.reason?.isCrisis == true }
        let subject = "[Vigía] \(group.count) notifications: \(overdue) overdue, \(warnings) about to breach, \(crises) crisis"
        var lines = ["\(group.count) tasks need attention (one message instead of \(group.count)).", ""]
        for notice in group {
            lines.append("• " + notice.subject.replacingOccurrences(of: "[Vigía] ", with: ""))
            if let url = notice.fields["url"], !url.isEmpty { lines.append("  \(url)") }
            lines.append("  vigia ack \(notice.taskID)")
        }
        lines += ["", "Details of each task: vigia alerts, or alerts/OPEN.md."]
        let body = lines.joined(separator: "\n") + "\n"
        let fields = [
            "kind": "digest", "count": "\(group.count)", "tasks": tasks.joined(separator: " "),
            "reason": "digest", "text": body, "at": first.fields["at"] ?? "",
        ]
        let identity = "digest\u{1F}" + group.map(\.id).sorted().joined(separator: "\u{1F}")
        var notice = Notice(
            eventID: "d-" + StableHash.hex(of: identity), taskID: tasks.joined(separator: ","), channel: first.channel,
            target: first.target, subject: subject, body: body, fields: fields, createdAt: now)
        notice.covers = group.map(\.id)
        return notice
    }
}
