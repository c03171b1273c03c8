import Foundation
import ReputationCore

/// `vigia reply`: previews a task's reply, posts it exactly once through the channel's own API (`ReplyingKind`),
/// or records replies a crash interrupted (`--recover`). Any source kind that conforms to `ReplyingKind` answers
/// here; the channels of the others keep copy-and-paste and say so.
enum ReplyCommand {
    static func run(_ options: ReplyOptions, context: RunContext) throws -> Int32 {
        let configuration = try context.loadConfiguration()
        let tasks = TaskCommandContext(
            alertsFolder: context.alertsFolder, feedsFolder: context.feedsFolder, settings: configuration.settings.tasks,
            now: context.currentTime(), environment: context.environment, output: context.terminal.output,
            errors: context.terminal.errors)
        let session = ReplySession(
            configuration: configuration, tasks: tasks, person: options.by ?? context.environment["USER"] ?? "unknown",
            json: context.json, terminal: context.terminal)
        do {
            return options.recover ? try session.recover(id: options.id) : try session.reply(options)
        } catch let error as ReplyError {
            context.terminal.warn(error.description)
            return error.exitCode.rawValue
        } catch let error as TaskError {
            context.terminal.warn(error.description)
            return ExitCode.usage.rawValue
        }
    }
}

/// One `vigia reply` run: the configuration, the task commands' context, who answers, and where to say it.
struct ReplySession {
    let configuration: Configuration
    let tasks: TaskCommandContext
    let person: String
    let json: Bool
    let terminal: Terminal

    var log: MentionLog { MentionLog(alertsFolder: tasks.alertsFolder) }

    func reply(_ options: ReplyOptions) throws -> Int32 {
        let task = try tasks.alerter.loadBook().resolve(id: options.id ?? "")
        let target = try ReplyTarget.find(task, configuration: configuration, log: log)
        let request = ReplyDraft.Request(text: options.text, variant: options.variant, wantsPrivate: options.wantsPrivate)
        var draft = try ReplyDraft.make(request, target: target, settings: tasks.settings)
        guard let kind = target.kind, let feed = target.feed else {
            show(ReplyPreview(target: target, draft: draft, account: nil, limit: nil))
            if options.send { throw ReplyError.noWriteAPI(task: task.id, channel: target.channel) }
            terminal.warn(ReplyError.noWriteAPI(task: task.id, channel: target.channel).description)
            return ExitCode.ok.rawValue
        }
        if draft.visibility == .private, !kind.hasPrivateMessages {
            throw ReplyError.noPrivateMessages(task: task.id, channel: target.channel)
        }
        var poll = sourcePoll(feed)
        let limit: ReplyLimit, account: String, refusal: String?
        do throws(SourceFailure) {
            limit = try kind.replyLimit(&poll)
            account = try kind.replyAccount(&poll)
            let outgoing = target.outgoing(draft.text, visibility: draft.visibility, key: draft.key(taskID: task.id))
            refusal = try kind.refusal(of: outgoing, &poll)
        } catch {
            throw ReplyError.lookupFailed(
                task: task.id, reason: "\(poll.redaction.clean(error.description)); nothing was sent",
                needsOperator: error.needsOperator)
        }
        draft = draft.fitted(to: limit, target: target, settings: tasks.settings)
        // Who the reply reaches is checked before anything is shown as ready or journaled.
        if let refusal { throw ReplyError.wording(task: task.id, reason: refusal) }
        let preview = ReplyPreview(target: target, draft: draft, account: account, limit: limit)
        let length = limit.length(of: draft.text)
        guard length <= limit.maximum else {
            if !options.send { show(preview) }
            throw ReplyError.tooLong(task: task.id, length: length, limit: limit, channel: target.channel)
        }
        guard options.send else {
            show(preview)
            return ExitCode.ok.rawValue
        }
        // A first response dated before the post was seen (a --now what-if, a clock set back) would count as in time.
        if tasks.now < task.filedAt {
            throw TaskError.beforeTask(id: task.id, at: tasks.now, earliest: task.filedAt, what: "the task was filed")
        }
        let lock = try tasks.takeRunLock()
        defer { withExtendedLifetime(lock) {} }
        let sender = ReplySender(alerter: tasks.alerter, target: target, kind: kind, person: person, now: tasks.now)
        let outcome = try sender.send(draft, account: account, &poll)
        show(outcome, preview: preview)
        return ExitCode.ok.rawValue
    }

    /// Every task (or the one named) whose reply was being sent when a run stopped: looked for on the network and
    /// recorded when found; said plainly when it is not there (it did not go out: send it again).
    func recover(id: String?) throws -> Int32 {
        let lock = try tasks.takeRunLock()
        defer { withExtendedLifetime(lock) {} }
        let book = try tasks.alerter.loadBook()
        // Pending intents can only be those of tasks still in the book: the segments since the oldest was filed.
        let oldest = book.tasks.map(\.filedAt).min() ?? tasks.now
        let history = ReplyHistory(try JournalSegments(alertsFolder: tasks.alerter.alertsFolder).read(since: oldest))
        let ids = try id.map { [try book.resolve(id: $0).id] } ?? history.pendingTasks
        var worst = ExitCode.ok
        var recorded = 0
        for taskID in ids {
            guard let intent = history.pending(taskID: taskID), let task = book.task(id: taskID) else {
                say(taskID, "no interrupted reply to look for", status: "none")
                continue
            }
            do {
                let target = try ReplyTarget.find(task, configuration: configuration, log: log)
                guard let kind = target.kind, let feed = target.feed else {
                    throw ReplyError.noWriteAPI(task: taskID, channel: target.channel)
                }
                var poll = sourcePoll(feed)
                let sender = ReplySender(alerter: tasks.alerter, target: target, kind: kind, person: person, now: tasks.now)
                if let found = try sender.recover(intent, &poll) {
                    recorded += 1
                    show(.recovered(found, same: true), preview: nil)
                } else {
                    say(taskID, "the interrupted reply is not on the network, so it did not go out: send it again with "
                        + "'vigia reply \(taskID) --send'", status: "not_sent")
                }
            } catch let error as ReplyError {
                terminal.warn(error.description)
                if worst == .ok { worst = error.exitCode }
            }
        }
        if ids.isEmpty { say(nil, "No interrupted replies.", status: "none") }
        return worst.rawValue
    }

    private func sourcePoll(_ feed: FeedConfig) -> SourcePoll {
        SourcePoll(
            feedID: feed.id, now: tasks.now, maxPages: 1, environment: tasks.environment,
            sessions: SessionStore(stateFolder: tasks.alertsFolder.appendingPathComponent("state")),
            limits: configuration.settings.transferLimits, checkOnly: false, cursor: [:])
    }

    private func show(_ preview: ReplyPreview) {
        terminal.say(json ? preview.json() : preview.text)
    }

    private func show(_ outcome: ReplySender.Outcome, preview: ReplyPreview?) {
        let event: JournalEvent, status: String, line: String
        switch outcome {
        case .sent(let replied):
            (event, status) = (replied, "sent")
            line = "replied by \(replied.by) at \(ISOTime.format(replied.at))"
        case .alreadySent(let replied):
            (event, status) = (replied, "already_sent")
            line = "this reply was already sent at \(ISOTime.format(replied.at)); not posted again"
        case .recovered(let replied, let same):
            (event, status) = (replied, "recovered")
            line = "the reply interrupted at \(ISOTime.format(replied.at)) is on the network and is now recorded; not "
                + "posted again" + (same ? "" : ". The new reply was NOT sent: the post has this answer now")
        }
        let reply = event.reply
        if json {
            var object = preview?.fields ?? [:]
            object["task"] = .string(event.taskID)
            object["status"] = .string(status)
            object["sent"] = .bool(status == "sent")
            object["by"] = .string(event.by)
            object["replied_at"] = .string(ISOTime.format(event.at))
            object["visibility"] = .string(reply?.visibility.rawValue ?? "")
            object["reply_id"] = reply?.postID.map(JSONValue.string) ?? .null
            object["reply_url"] = reply?.url.map(JSONValue.string) ?? .null
            object["account"] = reply?.account.map(JSONValue.string) ?? object["account"] ?? .null
            terminal.say(ReplyPreview.encode(object))
        } else {
            let place = [reply?.visibility.rawValue, reply?.url.map(SafeText.url), reply?.postID.map { "id \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            terminal.say("\(event.taskID): \(line) (\(place))")
        }
    }

    private func say(_ taskID: String?, _ text: String, status: String) {
        if json {
            var object: [String: JSONValue] = ["status": .string(status), "message": .string(text)]
            if let taskID { object["task"] = .string(taskID) }
            terminal.say(ReplyPreview.encode(object))
        } else {
            terminal.say(taskID.map { "\($0): \(text)" } ?? text)
        }
    }
}
