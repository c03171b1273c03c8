import Foundation
import ReputationCore

/// What the task commands need: where things are, the settings, the time (`--now`), and where to write.
package struct TaskCommandContext {
    package var alertsFolder: URL
    package var feedsFolder: URL
    package var settings: TaskSettings
    package var now: Date
    package var environment: [String: String]
    package var output: FileHandle
    package var errors: FileHandle

    package init(
        alertsFolder: URL, feedsFolder: URL, settings: TaskSettings, now: Date, environment: [String: String],
        output: FileHandle = .standardOutput, errors: FileHandle = .standardError
    ) {
        self.alertsFolder = alertsFolder
        self.feedsFolder = feedsFolder
        self.settings = settings
        self.now = now
        self.environment = environment
        self.output = output
        self.errors = errors
    }

    var alerter: Alerter { Alerter(alertsFolder: alertsFolder, settings: settings, environment: environment) }

    /// The run lock, for commands that append to the journal: a poll holding it is waited for up to
    /// `VIGIA_LOCK_WAIT` (a duration, default 30s), then the command gives up with exit 75 having done nothing.
    /// Holding it, the command first settles a torn last line of the journal (a run killed mid-append), as a poll
    /// does: appended after the torn bytes, its own line would be glued to them and the journal unreadable.
    func takeRunLock() throws -> RunLock {
        let wait = environment["VIGIA_LOCK_WAIT"].flatMap(DurationText.seconds(parsing:)).map { min($0, 3600) } ?? 30
        let lock = try RunLock(alertsFolder: alertsFolder, now: now, wait: wait)
        if let note = try alerter.journal.settleTail(JournalEvent.self, holding: lock) { warn(note) }
        return lock
    }

    func write(_ text: String) { output.emit(Data((text + "\n").utf8)) }
    func warn(_ text: String) { errors.emit(Data(("vigia: " + text + "\n").utf8)) }
}

/// `vigia alerts`, `ack`/`resolve`/`close`/`reopen`/`note`, `escalate`. Task problems a person can fix (unknown
/// id, wrong state, a removal verb) print a message and return 64; store errors are thrown for the dispatcher.
package enum TaskCommands {
    package typealias AlertFilter = Command.AlertFilter

    /// Reads the journal without the lock and without changing it (a poll may be appending meanwhile).
    package static func alerts(filter: AlertFilter, json: Bool, context: TaskCommandContext) throws -> Int32 {
        // `--all` lists every task ever filed, so it folds the whole journal; the others need only the live tasks.
        let book = filter == .all ? try context.alerter.loadWholeBook() : try context.alerter.loadOpenTasksBook()
        let now = context.now
        let tasks: [ResponseTask]
        switch filter {
        case .open: tasks = book.open(now: now)
        case .overdue: tasks = book.overdue(now: now)
        case .all:
            let open = book.open(now: now)
            let openIDs = Set(open.map(\.id))
            tasks = open + book.tasks.filter { !openIDs.contains($0.id) }.sorted { $0.updatedAt > $1.updatedAt }
        }
        if json {
            for task in tasks { context.write(AlertLine.json(task, now: now)) }
        } else if tasks.isEmpty {
            context.write(filter == .overdue ? "No overdue tasks." : "No open tasks.")
        } else {
            for task in tasks { context.write(AlertLine.text(task, now: now)) }
        }
        return 0
    }

    package static func transition(
        _ action: TaskAction, id: String, note: String?, by: String?, context: TaskCommandContext
    ) throws -> Int32 {
        try transition(action, ids: [id], note: note, by: by, context: context)
    }

    /// One step for every id: under the run lock each task's state is read afresh and all the events appended
    /// before anyone else can, so ten acks at once record one acknowledgement and a close never lands beside a
    /// poll's `reopened`. A refused id is said on stderr by its id; the others are still recorded (exit 64).
    package static func transition(
        _ action: TaskAction, ids: [String], note: String?, by: String?, context: TaskCommandContext
    ) throws -> Int32 {
        let person = by ?? context.environment["USER"] ?? "unknown"
        guard !ids.isEmpty else {
            context.warn("no task ids given (the --from list was empty)")
            return 64
        }
        let lock = try context.takeRunLock()
        defer { withExtendedLifetime(lock) {} }
        let steps = try context.alerter.record(action, ids: ids, note: note, by: person, now: context.now)
        var refused = 0
        for step in steps {
            switch step {
            case let .recorded(event):
                var line = "\(event.taskID): \(event.kind.rawValue) by \(person) at \(ISOTime.format(event.at))"
                if let deadline = event.deadline { line += "; acknowledge again by \(ISOTime.format(deadline))" }
                context.write(line)
            case let .refused(_, error):
                refused += 1
                context.warn(error.description)
            case let .repeated(id, taskID):
                context.warn(id == taskID ? "\(id): named more than once, recorded once" : "\(id): names \(taskID) again, recorded once")
            }
        }
        if ids.count > 1, refused > 0 {
            context.warn("\(steps.count { $0.event != nil }) recorded, \(refused) refused (of \(ids.count) ids given)")
        }
        return refused > 0 ? 64 : 0
    }

    /// The dispatcher's shape of a transition (`Command.transition`).
    package static func transition(
        _ transition: Command.Transition, ids: [String], note: String?, by: String?, confirmed: Bool,
        context: TaskCommandContext
    ) throws -> Int32 {
        let action: TaskAction
        switch transition {
        case .ack: action = .acknowledge
        case .resolve: action = .resolve
        case .close: action = .close(confirmed: confirmed)
        case .reopen: action = .reopen
        case .note: action = .note
        }
        return try Self.transition(action, ids: ids, note: note, by: by, context: context)
    }

    package static func escalate(json: Bool, context: TaskCommandContext) throws -> Int32 {
        try escalate(json: json, retryUncertain: false, context: context)
    }

    package static func escalate(json: Bool, retryUncertain: Bool, context: TaskCommandContext) throws -> Int32 {
        let lock = try context.takeRunLock()  // it appends escalations and deliveries to the journal
        defer { withExtendedLifetime(lock) {} }
        let summary = try context.alerter.escalate(now: context.now, retryUncertain: retryUncertain)
        if json {
            let data = (try? JournalCoding.encoder.encode(summary)) ?? Data("{}".utf8)
            context.write(String(decoding: data, as: UTF8.self))
        } else {
            context.write(summary.line)
            if summary.pending > 0, context.settings.notifiers.smtp == nil {
                context.write("No mail server configured: messages wait, readable, in \(context.alerter.outbox.folder.path) (set VIGIA_SMTP_URL).")
            }
        }
        for note in summary.notes { context.warn(note) }
        return 0
    }

    /// A refusal message when a user types a removal command (`vigia delete t-…`, `vigia hide …`), else nil.
    /// The dispatcher prints it and exits 64.
    package static func refusal(forCommand verb: String) -> String? {
        do {
            _ = try TaskAction(verb: verb)
            return nil
        } catch {
            return error.description
        }
    }
}
