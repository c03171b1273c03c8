import Foundation
import ReputationCore

/// Posts a reply exactly once. The caller holds the run lock, so no other run appends between the look at the
/// journal and the events written here:
/// 1. a reply whose key already has a `replied` event is not posted again;
/// 2. a pending `reply_intent` (a run stopped between the network call and `replied`) is first looked for on the
///    network — the account's recent posts or messages answering the post — and recorded if found;
/// 3. otherwise `reply_intent` is journaled (fsync'd) BEFORE the network call, the reply posted, and `replied`
///    journaled with the network's id and URL. A failed call leaves only the intent: nothing is recorded as sent.
struct ReplySender {
    enum Outcome {
        /// Posted now.
        case sent(JournalEvent)
        /// This very reply was already recorded as sent: nothing posted.
        case alreadySent(JournalEvent)
        /// An interrupted reply was found on the network and recorded: nothing posted. `same` tells whether it is
        /// the reply asked for now.
        case recovered(JournalEvent, same: Bool)
    }

    let alerter: Alerter
    let target: ReplyTarget
    let kind: any ReplyingKind
    let person: String
    let now: Date
    /// The wall clock, for `recorded_at` (the event's `at` is `now`, which `--now` sets).
    var wallClock: () -> Date = { Date() }

    /// The task's reply events: every segment that may hold events since it was filed (a reply sent last month
    /// must still stop a second one).
    func history() throws(StoreError) -> ReplyHistory {
        ReplyHistory(try JournalSegments(alertsFolder: alerter.alertsFolder).read(since: target.task.filedAt))
    }

    func send(_ draft: ReplyDraft, account: String?, _ context: inout SourcePoll) throws -> Outcome {
        let taskID = target.task.id
        let key = draft.key(taskID: taskID)
        let history = try history()
        if let done = history.replied(taskID: taskID, key: key) { return .alreadySent(done) }
        if let intent = history.pending(taskID: taskID), let found = try recover(intent, &context) {
            return .recovered(found, same: intent.reply?.key == key)
        }
        if let earlier = history.answered(taskID: taskID, post: target.post.mention.id, visibility: draft.visibility) {
            throw ReplyError.alreadyAnswered(task: taskID, visibility: draft.visibility, by: earlier.by, at: earlier.at,
                                             url: earlier.reply?.url)
        }
        var intent = JournalEvent(
            at: now, kind: .replyIntent, taskID: taskID, by: person, detail: target.feed?.id,
            identity: ["reply_intent", taskID, key, "\(wallClock().timeIntervalSince1970)"].joined(separator: "\u{1F}"))
        intent.reply = ReplyRecord(
            key: key, visibility: draft.visibility, text: draft.text, account: account,
            inReplyTo: target.post.mention.id)
        try append(intent)
        let sent: SentReply
        do throws(SourceFailure) {
            sent = try kind.send(target.outgoing(draft.text, visibility: draft.visibility, key: key, settings: alerter.settings), &context)
        } catch {
            if let found = try lookAfter(error, intent: intent, &context) { return .sent(found) }
            throw ReplyError.notSent(
                task: taskID, reason: context.redaction.clean(error.description), needsOperator: error.needsOperator)
        }
        let replied = repliedEvent(for: intent, sent: sent, note: nil, at: now, by: person)
        try append(replied)
        return .sent(replied)
    }

    /// Looks for the pending intent's reply on the network; records `replied` (dated and signed as the intent: that
    /// is when and by whom it went out) when found. Nil: not on the network, so it did not go out.
    func recover(_ intent: JournalEvent, _ context: inout SourcePoll) throws -> JournalEvent? {
        guard let record = intent.reply else { return nil }
        // Under the post the intent answered: the customer may have written again since.
        let outgoing = target.answering(record.inReplyTo).outgoing(
            record.text ?? "", visibility: record.visibility, key: record.key, settings: alerter.settings)
        let found: SentReply?
        do throws(SourceFailure) {
            found = try kind.findSent(outgoing, &context)
        } catch {
            throw ReplyError.lookupFailed(
                task: target.task.id,
                reason: "a reply was being sent when a run stopped, and the network could not be asked whether it went "
                    + "out (\(context.redaction.clean(error.description))); nothing is sent until it can be",
                needsOperator: error.needsOperator)
        }
        guard let found else { return nil }
        let note = "found on the network by \(person) at \(ISOTime.format(now)) after an interrupted send"
        let replied = repliedEvent(for: intent, sent: found, note: note, at: intent.at, by: intent.by)
        try append(replied)
        return replied
    }

    /// A timeout, a lost connection or an answer that is not the network's (a proxy's HTML page) can come after
    /// the network made the post: it is looked for once at once, and recorded when there, rather than reported
    /// unsent. Refusals the network stated (429, 401, 403) made nothing and are not looked for; a look-up that
    /// fails leaves the intent for the next run.
    private func lookAfter(
        _ failure: SourceFailure, intent: JournalEvent, _ context: inout SourcePoll
    ) throws(StoreError) -> JournalEvent? {
        switch failure {
        case .unavailable, .unexpected: break
        case .rateLimited, .credentialRejected, .permissionMissing, .store: return nil
        }
        do {
            return try recover(intent, &context)
        } catch let error as StoreError {
            throw error
        } catch {
            return nil
        }
    }

    private func repliedEvent(for intent: JournalEvent, sent: SentReply, note: String?, at: Date, by: String) -> JournalEvent {
        let key = intent.reply?.key ?? ""
        var event = JournalEvent(
            at: at, kind: .replied, taskID: intent.taskID, by: by, note: note, detail: intent.detail,
            identity: ["replied", intent.taskID, key].joined(separator: "\u{1F}"))
        event.reply = ReplyRecord(
            key: key, visibility: sent.visibility, text: sent.text ?? intent.reply?.text,
            account: sent.recordableAccount ?? intent.reply?.account, postID: sent.recordableID,
            url: sent.recordableURL,
            inReplyTo: intent.reply?.inReplyTo)
        return event
    }

    private func append(_ event: JournalEvent) throws(StoreError) {
        var stamped = event
        stamped.recordedAt = wallClock()
        try alerter.journal.append([stamped])
        // The checkpoint moves past the new line, so the next reader folds no longer a tail.
        if let loaded = try? alerter.checkpoint.load(alerter.journal) { alerter.refreshCheckpoint(from: loaded) }
    }
}
