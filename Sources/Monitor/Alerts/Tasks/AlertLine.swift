import Foundation
import ReputationCore

/// One task as `vigia alerts` prints it: a readable line, or one JSON object (`--json`).
enum AlertLine {
    static func text(_ task: ResponseTask, now: Date) -> String {
        let timing: String
        switch task.state {
        case .filed:
            let left = task.timeLeft(now: now)
            timing = left < 0 ? "OVERDUE by \(DurationText.describe(-left))" : "\(DurationText.describe(left)) left"
        case .acknowledged: timing = task.repliedAt == nil ? "acknowledged" : "replied"
        case .resolved: timing = "resolved"
        case .closed: timing = task.confirmed ? "closed (confirmed)" : "closed"
        }
        let who = flat(task.author.displayName ?? "-")
        let excerpt = flat(task.text)
        let short = excerpt.count > 70 ? String(excerpt.prefix(69)) + "…" : excerpt
        let intent = task.intent?.rawValue ?? task.kind.rawValue
        var line = "\(task.id)  \(pad(timing, 22)) \(pad(task.priority.rawValue, 9)) \(pad(intent, 9)) "
            + "\(pad(task.channel, 10)) \(who): \"\(short)\""
        if task.lateDiscovery != nil { line += "  [late discovery]" }
        if let url = task.url { line += "  \(SafeText.url(url))" }
        if let reply = task.replyURL { line += "  reply: \(SafeText.url(reply))" }
        return line
    }

    static func json(_ task: ResponseTask, now: Date) -> String {
        let record = Record(task: task, now: now)
        let data = (try? JournalCoding.encoder.encode(record)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    struct Record: Encodable {
        var id, mentionID, kind, state, priority, channel, threadID, suggestedReply, text, language: String
        var deadline, filedAt: Date
        var author: String?
        var handle: String?
        /// complaint, question, praise, press; null for crisis and source-health tasks and older lines.
        var intent: String?
        var url: String?
        var reasons: [String]
        var overdue: Bool
        var secondsLeft: Int
        var checklist: [String]
        var escalationLevel: Int
        var lateDiscovery: ResponseTask.LateDiscovery?
        /// The first reply sent through Vigía (`vigia reply --send`), and where it is; null until then.
        var repliedAt: Date?
        var replyURL: String?

        init(task: ResponseTask, now: Date) {
            id = task.id
            mentionID = task.mentionID
            kind = task.kind.rawValue
            state = task.state.rawValue
            priority = task.priority.rawValue
            channel = task.channel
            threadID = task.threadID
            suggestedReply = task.suggestedReply
            text = task.text
            language = task.language
            deadline = task.deadline
            filedAt = task.filedAt
            author = task.author.displayName
            handle = task.author.handle
            intent = task.intent?.rawValue
            url = task.url
            reasons = task.reasons
            lateDiscovery = task.lateDiscovery
            overdue = task.isOverdue(now: now)
            secondsLeft = Int(task.timeLeft(now: now).rounded())
            checklist = task.checklist
            escalationLevel = task.escalationLevel
            repliedAt = task.repliedAt
            replyURL = task.replyURL
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, state, priority, channel, text, language, deadline, author, handle, url, reasons, overdue
            case checklist, intent
            case mentionID = "mention_id"
            case threadID = "thread_id"
            case suggestedReply = "suggested_reply"
            case filedAt = "filed_at"
            case secondsLeft = "seconds_left"
            case escalationLevel = "escalation_level"
            case lateDiscovery = "late_discovery"
            case repliedAt = "replied_at"
            case replyURL = "reply_url"
        }

        /// Every key is always present (null when unknown): scripts rely on the `alerts --json` contract.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(mentionID, forKey: .mentionID)
            try container.encode(kind, forKey: .kind)
            try container.encode(state, forKey: .state)
            try container.encode(priority, forKey: .priority)
            try container.encode(channel, forKey: .channel)
            try container.encode(threadID, forKey: .threadID)
            try container.encode(suggestedReply, forKey: .suggestedReply)
            try container.encode(text, forKey: .text)
            try container.encode(language, forKey: .language)
            try container.encode(deadline, forKey: .deadline)
            try container.encode(filedAt, forKey: .filedAt)
            try container.encode(author, forKey: .author)
            try container.encode(handle, forKey: .handle)
            try container.encode(intent, forKey: .intent)
            try container.encode(url, forKey: .url)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(secondsLeft, forKey: .secondsLeft)
            try container.encode(checklist, forKey: .checklist)
            try container.encode(escalationLevel, forKey: .escalationLevel)
            try container.encode(lateDiscovery, forKey: .lateDiscovery)
            try container.encode(repliedAt, forKey: .repliedAt)
            try container.encode(replyURL, forKey: .replyURL)
        }
    }

    static func flat(_ text: String) -> String {
        SafeText.line(text).split(separator: " ").joined(separator: " ")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
