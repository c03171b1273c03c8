import Foundation
import ReputationCore

/// Journal and outbox I/O for tasks: files tasks for new mentions and crises, escalates, records transitions.
/// `alerts/journal.jsonl` is the single source of truth (append-only); `alerts/outbox/` holds notifications.
package struct Alerter: Sendable {
    package let alertsFolder: URL
    package let settings: TaskSettings
    package let environment: [String: String]
    /// The wall clock, stamped on every event as `recorded_at` beside the time it states (`--now`).
    var wallClock: @Sendable () -> Date = { Date() }

    package init(alertsFolder: URL, settings: TaskSettings, environment: [String: String]) {
        self.alertsFolder = alertsFolder
        self.settings = settings
        self.environment = environment
    }

    /// Appends events to the journal, each stamped with the wall-clock time it is written.
    private func append(_ events: [JournalEvent]) throws(StoreError) {
        let written = wallClock()
        try journal.append(events.map { event in
            var stamped = event
            stamped.recordedAt = written
            return stamped
        })
    }

    package var journal: JournalFile { JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl")) }
    package var outbox: Outbox { Outbox(folder: alertsFolder.appendingPathComponent("outbox")) }

    package var checkpoint: TaskBookCheckpoint { TaskBookCheckpoint(alertsFolder: alertsFolder) }

    /// The tasks as the journal's complete lines stand (reading changes nothing): the checkpoint and the journal's
    /// tail when the checkpoint is current, else the whole journal.
    package func loadBook() throws(StoreError) -> TaskBook { try checkpoint.load(journal).book }

    /// The same for a reader of open tasks only (`vigia alerts`): the checkpoint's book without the report's figures
    /// (see `TaskBookCheckpoint.loadBook`). Not for deciding steps: it may still hold tasks the ledger retired.
    package func loadOpenTasksBook() throws(StoreError) -> TaskBook { try checkpoint.loadBook(journal) }

    /// Every task ever filed, closed long ago or not (`TaskLedger` retires those from the checkpoint): the whole
    /// journal folded. For readers that ask for history, like `vigia alerts --all`.
    package func loadWholeBook() throws(StoreError) -> TaskBook {
        try JournalSegments(alertsFolder: alertsFolder).foldAll(retiring: false).book
    }

    /// Brings the checkpoint from what `loaded` covered up to the journal's end (a run-lock holder, after appending):
    /// only the lines appended since are read. A checkpoint that cannot be written is left as it was: an older
    /// checkpoint only means a longer tail to read, never a wrong book.
    func refreshCheckpoint(from loaded: TaskBookCheckpoint.Loaded) {
        var ledger = loaded.ledger
        let tail = try? journal.forEachBlock(JournalEvent.self, from: loaded.end) { events in
            for event in events { ledger.apply(event) }
        }
        guard let tail else { return }
        try? checkpoint.save(ledger, coveringJournal: journal, upTo: max(tail.end, loaded.end))
    }

    /// Files tasks for these mentions and crises (append to the journal); returns the number of tasks filed
    /// (reopenings and crisis updates are recorded too but not counted). `book` saves a re-read when the caller has
    /// just folded the journal.
    @discardableResult
    package func file(_ mentions: [AssessedMention], crises: [Crisis.Event], now: Date, book: TaskBook? = nil) throws -> Int {
        guard !mentions.isEmpty || !crises.isEmpty else { return 0 }
        let book = try book ?? loadBook()
        let events = TaskFiling.events(for: mentions, crises: crises, book: book, settings: settings, now: now)
        try append(events)
        return events.count { $0.kind == .filed }
    }

    /// Files (once) a task for a feed that keeps failing or went silent; false when one is already open.
    /// `book` saves a re-read when the caller holds the journal's fold (a poll's snapshot).
    @discardableResult
    package func fileSourceHealth(feedID: String, problem: String, now: Date, book: TaskBook? = nil) throws -> Bool {
        let book = try book ?? loadBook()
        guard let event = TaskFiling.sourceHealthEvent(feedID: feedID, problem: problem, book: book, settings: settings, now: now)
        else { return false }
        try append([event])
        return true
    }

    /// Files the flood task of a feed whose posts needing an answer went beyond the cap this poll.
    package func fileFlood(feedID: String, held: [AssessedMention], cap: Int, now: Date) throws {
        guard let event = TaskFiling.floodEvent(feedID: feedID, held: held, cap: cap, settings: settings, now: now)
        else { return }
        try journal.append([event])
    }

    /// Records a person's action on a task (ack, resolve, close, reopen, note) after checking the protocol.
    @discardableResult
    package func record(_ action: TaskAction, id: String, note: String?, by person: String, now: Date) throws -> JournalEvent {
        let steps = try record(action, ids: [id], note: note, by: person, now: now)
        if case let .refused(_, error) = steps[0] { throw error }
        guard case let .recorded(event) = steps[0] else { throw TaskError.unknownTask(id: id, suggestion: nil) }
        return event
    }

    /// The same action on many tasks in one step: the journal is folded once, every id checked against the protocol
    /// on its own (an unknown id or a refused step is reported and the others still proceed), and all the events
    /// appended in one write. A task named twice (or by its id and a prefix) is recorded once.
    package func record(_ action: TaskAction, ids: [String], note: String?, by person: String, now: Date) throws(StoreError)
        -> [TaskStep]
    {
        let loaded = try checkpoint.load(journal)
        let book = loaded.book
        var named: Set<String> = []
        var steps: [TaskStep] = []
        for id in ids {
            do {
                let task = try book.resolve(id: id)
                guard named.insert(task.id).inserted else {
                    steps.append(.repeated(id: id, taskID: task.id))
                    continue
                }
                let allowance = settings.policy.allowance(for: task.priority)
                let reopenDeadline = settings.businessHours.deadline(from: now, adding: allowance)
                steps.append(.recorded(try action.event(for: task, by: person, note: note, now: now, reopenDeadline: reopenDeadline)))
            } catch {
                steps.append(.refused(id: id, error))
            }
        }
        try append(steps.compactMap(\.event))
        refreshCheckpoint(from: loaded)
        return steps
    }

    /// Decides due escalations, queues their notifications (outbox first, then journal, so a crash in between
    /// recomputes the same ids and queues nothing twice; a recipient with many gets one digest), then delivers the
    /// outbox with retries and backoff.
    package func escalate(now: Date, retryUncertain: Bool = false) throws -> EscalationSummary {
        var snapshot: JournalSnapshot?
        return try escalate(now: now, retryUncertain: retryUncertain, journal: &snapshot)
    }

    /// The same, with the journal as a poll already holds it: `journal` is brought up to date (only the appended
    /// tail is read) and left current with the escalation's own events, for the views. `nil` reads it afresh.
    package func escalate(now: Date, retryUncertain: Bool = false, journal snapshot: inout JournalSnapshot?) throws
        -> EscalationSummary
    {
        var summary = EscalationSummary()
        let outbox = self.outbox
        try AtomicFile.ensureFolder(outbox.folder)
        guard let lock = try OutboxLock(folder: outbox.folder) else {
            summary.notes.append("another vigia run is delivering the outbox; skipped delivery this time")
            if var current = snapshot {
                try current.catchUp(journal)
                snapshot = current
            }
            return summary
        }
        defer { lock.release() }
        let delivery = OutboxDelivery(outbox: outbox, settings: settings.notifiers)
        var events = try delivery.recoverInterrupted(now: now)
        if retryUncertain { _ = try delivery.requeueUncertain(now: now) }
        var current = try snapshot ?? JournalSnapshot(journal, checkpoint: checkpoint)
        if snapshot != nil { try current.catchUp(journal) }
        let decisions = Escalation.due(book: current.book, settings: settings, now: now)
        let notices = NoticeDigest.combine(decisions.flatMap(\.notices), limit: settings.notifiers.digestAbove, now: now)
        summary.queued += try outbox.enqueue(notices)
        for decision in decisions {
            events.append(decision.event)
            if decision.event.kind == .warned { summary.warnings += 1 } else { summary.escalations += 1 }
        }
        try append(events)
        let delivered = try delivery.deliverDue(now: now, summary: &summary)
        try append(delivered)
        try current.catchUp(journal)
        snapshot = current
        let remaining = try outbox.items()
        summary.pending = remaining.count { $0.state == .pending }
        summary.uncertain = remaining.count { $0.state == .uncertain }
        return summary
    }
}
