import Foundation

/// Turns new assessed mentions and crisis events into journal events. Pure: the book says what exists.
///
/// - A mention already answered by a task files nothing.
/// - A mention that needs an answer (a complaint, a question, praise, press, or exposed private data) files a
///   task with a priority, a deadline from the policy (business hours applied), its reasons and a suggested reply;
///   `other` files none (it is still counted in the report).
/// - The same customer (same handle or order number, any channel) shares one thread; if their latest task in the
///   thread was resolved or closed and none is open, the new post reopens that task instead of filing a new one.
/// - A crisis that reaches warning files a crisis task (with the crisis checklist); later events of the same
///   scope update it.
package enum TaskFiling {
    package static func events(
        for mentions: [AssessedMention], crises: [Crisis.Event], book: TaskBook, settings: TaskSettings, now: Date
    ) -> [JournalEvent] {
        var working = book
        var events: [JournalEvent] = []
        for assessed in mentions {
            guard let event = event(for: assessed, book: working, settings: settings, now: now) else { continue }
            working.apply(event)
            events.append(event)
        }
        for crisis in crises {
            guard let event = CrisisFiling.event(for: crisis, book: working, settings: settings, now: now) else {
                continue
            }
            working.apply(event)
            events.append(event)
        }
        return events
    }

    /// Whether a mention needs an answer at all: every intent but `other`, and any post exposing private data.
    package static func needsTask(_ assessed: AssessedMention) -> Bool {
        let triage = assessed.triage
        return triage.intent != .other || triage.legalThreat || !triage.privateData.isEmpty
    }

    static func event(for assessed: AssessedMention, book: TaskBook, settings: TaskSettings, now: Date) -> JournalEvent? {
        let mention = assessed.mention
        guard book.task(forMention: mention.id) == nil, needsTask(assessed) else { return nil }
        let keys = CustomerIdentity.keys(author: mention.author, text: mention.fullText)
        let thread = keys.lazy.compactMap { book.thread(forKey: $0) }.first
        if let thread, var reopened = reopening(thread: thread, by: assessed, book: book, settings: settings, now: now) {
            reopened.threadKeys = keys
            return reopened
        }
        let task = makeTask(assessed, threadID: thread, keys: keys, settings: settings, now: now, book: book)
        return JournalEvent(at: now, kind: .filed, taskID: task.id, task: task, mentionID: mention.id)
    }

    /// The customer wrote again: reopen their latest resolved/closed task, unless the thread already has an open one.
    static func reopening(
        thread: String, by assessed: AssessedMention, book: TaskBook, settings: TaskSettings, now: Date
    ) -> JournalEvent? {
        guard let latest = book.latestClosedResponse(inThread: thread) else { return nil }
        let priority = Prioritizer.priority(assessed, policy: settings.policy)
        let allowance = Prioritizer.allowance(assessed, priority: priority, policy: settings.policy)
        let deadline = settings.businessHours.deadline(from: start(of: assessed.mention, now: now), adding: allowance)
        return JournalEvent(
            at: now, kind: .reopened, taskID: latest.id, note: "the customer wrote again (\(assessed.mention.channel))",
            mentionID: assessed.mention.id, deadline: deadline)
    }

    static func makeTask(
        _ assessed: AssessedMention, threadID: String?, keys: [String], settings: TaskSettings, now: Date, book: TaskBook
    ) -> ResponseTask {
        let mention = assessed.mention
        let id = taskID(for: mention.id, book: book)
        let priority = Prioritizer.priority(assessed, policy: settings.policy)
        let allowance = Prioritizer.allowance(assessed, priority: priority, policy: settings.policy)
        let deadline = settings.businessHours.deadline(from: start(of: mention, now: now), adding: allowance)
        let reply = ReplyComposer.reply(ReplyComposer.Input(taskID: id, assessed: assessed), settings: settings)
        var task = ResponseTask(
            id: id, mentionID: mention.id, kind: .response, priority: priority, filedAt: now, deadline: deadline,
            channel: mention.channel, author: mention.author, url: mention.url, text: mention.fullText,
            language: assessed.sentiment.language, reasons: Prioritizer.reasons(assessed, policy: settings.policy),
            suggestedReply: reply, threadID: threadID ?? id, threadKeys: keys)
        task.lateDiscovery = lateDiscovery(of: mention)
        task.intent = assessed.triage.intent
        return task
    }

    /// How much of the time between posting and discovery counts against the team: a feed polled every few minutes
    /// sees a post minutes late, and the customer has been waiting since they posted. Beyond this the post was found
    /// late (an old post in a search, a feed added today) and its clock starts at discovery minus this allowance.
    package static let discoveryAllowance: TimeInterval = 15 * 60

    /// The customer's clock starts when they posted (not when we noticed), but no earlier than discovery minus
    /// `discoveryAllowance`, and never in the future.
    static func start(of mention: Mention, now: Date) -> Date {
        min(max(mention.postedAt, mention.fetchedAt.addingTimeInterval(-discoveryAllowance)), now)
    }

    static func lateDiscovery(of mention: Mention) -> ResponseTask.LateDiscovery? {
        guard mention.postedAt < mention.fetchedAt.addingTimeInterval(-discoveryAllowance) else { return nil }
        return ResponseTask.LateDiscovery(postedAt: mention.postedAt, discoveredAt: mention.fetchedAt)
    }

    /// "t-" and 10 hex digits of the mention id; lengthened in the rare case of a clash.
    static func taskID(for mentionID: String, book: TaskBook) -> String {
        let hex = StableHash.hex(of: mentionID)
        for length in [10, 16] {
            let id = "t-" + hex.prefix(length)
            if book.task(id: id) == nil { return id }
        }
        return "t-" + hex + "-" + StableHash.hex(of: mentionID + "#")
    }
}
