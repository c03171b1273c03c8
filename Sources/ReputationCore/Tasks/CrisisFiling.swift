import Foundation

/// Crisis events → crisis tasks. Watch-level episodes are for reports only; a warning or crisis files a task with
/// the crisis checklist, acknowledged within the crisis allowance on the wall clock (a crisis does not wait for
/// office hours). Later events of the same scope update the open task (level, ended).
package enum CrisisFiling {
    static func scopeKey(_ scope: Crisis.Scope) -> String { "crisis:\(scope.kind):\(scope.name):" }

    static func event(for crisis: Crisis.Event, book: TaskBook, settings: TaskSettings, now: Date) -> JournalEvent? {
        let key = scopeKey(crisis.scope)
        if let open = book.openCrisis(scopeKey: key) {
            // A run changes a task at its own time, from buckets that closed by then; a later run's news closes later.
            // An event of a bucket closed by that time was applied already: it is the alert of a run raised again
            // (its state lost, or killed after filing), and must not walk the task back through its old stages.
            guard !isOldNews(crisis, for: open) else { return nil }
            let stage = crisis.kind == .ended ? Crisis.Stage.ended : Crisis.Stage(crisis.level)
            guard stage != open.crisisLevel else { return nil }
            return JournalEvent(
                at: now, kind: .crisisUpdated, taskID: open.id, note: crisis.explanation, detail: stage.rawValue)
        }
        guard crisis.isAlert else { return nil }
        let task = makeTask(crisis, key: key, settings: settings, now: now)
        guard book.task(id: task.id) == nil else { return nil }
        return JournalEvent(at: now, kind: .filed, taskID: task.id, task: task, mentionID: task.mentionID)
    }

    /// Whether the book already holds what this event says: an open task of its scope changed since its bucket
    /// closed, or the task it would file. A watch with no open task files nothing, so it holds nothing either.
    package static func holds(_ crisis: Crisis.Event, book: TaskBook) -> Bool {
        let key = scopeKey(crisis.scope)
        if let open = book.openCrisis(scopeKey: key) { return isOldNews(crisis, for: open) }
        return !crisis.isAlert || book.task(id: taskID(key: key, bucketStart: crisis.bucketStart)) != nil
    }

    private static func isOldNews(_ crisis: Crisis.Event, for open: ResponseTask) -> Bool {
        crisis.bucketEnd <= open.crisisChangedAt ?? open.filedAt
    }

    private static func taskID(key: String, bucketStart: Date) -> String {
        "c-" + StableHash.hex(of: key + ISOTime.format(bucketStart)).prefix(10)
    }

    static func makeTask(_ crisis: Crisis.Event, key: String, settings: TaskSettings, now: Date) -> ResponseTask {
        let mentionID = key + ISOTime.format(crisis.bucketStart)
        let id = taskID(key: key, bucketStart: crisis.bucketStart)
        let channel = crisis.scope.kind == "channel" ? crisis.scope.name : "all"
        var task = ResponseTask(
            id: id, mentionID: mentionID, kind: .crisis, priority: .crisis, filedAt: now,
            deadline: now.addingTimeInterval(settings.policy.crisis), channel: channel, author: Author(),
            url: nil, text: crisis.explanation, language: settings.language,
            reasons: [
                "crisis \(crisis.level.rawValue) in \(crisis.scope)",
                "\(crisis.count) mentions (\(crisis.negativeCount) negative) in \(crisis.windowMinutes) min",
                String(format: "baseline %.1f, threshold %.1f", crisis.baseline, crisis.threshold),
            ],
            suggestedReply: "", threadID: id, checklist: settings.crisisChecklist)
        task.crisisLevel = Crisis.Stage(crisis.level)
        // The holding reply affected customers get; each is answered in their own channel.
        task.suggestedReply = ReplyComposer.reply(
            ReplyComposer.Input(taskID: id, section: .crisis, language: settings.language, author: Author(), channel: channel),
            settings: settings)
        return task
    }
}
