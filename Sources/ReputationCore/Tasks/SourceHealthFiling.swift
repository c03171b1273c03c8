import Foundation

extension TaskFiling {
    /// A task for the operator when a feed keeps failing or went silent: one open task per feed at a time. It is
    /// due within the comment allowance and only ever notifies the first ladder level.
    package static func sourceHealthEvent(
        feedID: String, problem: String, book: TaskBook, settings: TaskSettings, now: Date
    ) -> JournalEvent? {
        let key = "source:\(feedID):"
        guard !book.tasks.contains(where: { $0.kind == .sourceHealth && $0.state.isOpen && $0.mentionID.hasPrefix(key) })
        else { return nil }
        let mentionID = key + ISOTime.format(now)
        let id = "s-" + StableHash.hex(of: mentionID).prefix(10)
        let task = ResponseTask(
            id: id, mentionID: mentionID, kind: .sourceHealth, priority: .question, filedAt: now,
            deadline: settings.businessHours.deadline(from: now, adding: settings.policy.negative), channel: "vigia",
            author: Author(name: "feed \(feedID)"), url: nil, text: problem, language: "en",
            reasons: ["source_health \(feedID)"], suggestedReply: "", threadID: id)
        return JournalEvent(at: now, kind: .filed, taskID: id, task: task, mentionID: mentionID)
    }
}
