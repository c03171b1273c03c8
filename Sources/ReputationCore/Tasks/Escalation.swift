import Foundation

/// Which notifications are due now: the "about to breach" warning, ladder levels for overdue tasks, and ladder
/// levels a crisis' level calls for. Pure; each decision is a journal event plus the notices to send.
///
/// Rules, per open task:
/// - unacknowledged and within `warnBefore` of its deadline, not yet warned → `warned`, to level 0;
/// - unacknowledged and overdue by at least `ladder[i].after` → `escalated` to every level i not yet reached;
/// - a crisis task whose crisis level reaches `ladder[i].crisisLevel` → `escalated` to those levels at once,
///   even when acknowledged (the committee must know);
/// - a press task, unacknowledged → `escalated` at once to the press contact (the level marked `press`), which
///   overdue complaints skip.
package enum Escalation {
    package struct Decision: Sendable, Hashable {
        package var event: JournalEvent
        package var notices: [Notice]
    }

    package static func due(book: TaskBook, settings: TaskSettings, now: Date) -> [Decision] {
        guard !settings.ladder.isEmpty else { return [] }
        var decisions: [Decision] = []
        for task in book.open(now: now) {
            decisions += Self.decisions(for: task, settings: settings, now: now)
        }
        return decisions
    }

    static func decisions(for task: ResponseTask, settings: TaskSettings, now: Date) -> [Decision] {
        var result: [Decision] = []
        var reached = task.escalationLevel
        let ladder = settings.ladder
        if task.kind == .crisis, task.crisisLevel == .ended {
            return endedNotice(task, settings: settings, now: now)
        }
        if task.kind == .crisis {
            let current = task.crisisLevel?.level
            let target = ladder.indices.last { index in
                guard let current, let bar = ladder[index].crisisLevel else { return false }
                return bar <= current
            }
            if let target, target > reached {
                for level in (reached + 1)...target {
                    result.append(decision(task, .escalated, level: level, reason: .crisis, settings: settings, now: now))
                }
                reached = target
            }
        }
        guard task.state == .filed else { return result }
        // Press (news, articles, reviews, journalists) goes to the press contact at once, not up the ladder.
        if task.intent == .press, let contact = ladder.indices.last(where: { ladder[$0].press }) {
            if contact > reached {
                result.append(decision(task, .escalated, level: contact, reason: .press, settings: settings, now: now))
            }
            return result
        }
        // A broken feed concerns the people who run Vigía, not the whole ladder.
        let top = task.kind == .sourceHealth ? 0 : ladder.count - 1
        if now >= task.deadline {
            for level in 0...top where level > reached && !ladder[level].press
                && now >= task.deadline.addingTimeInterval(ladder[level].after) {
                result.append(decision(task, .escalated, level: level, reason: .overdue, settings: settings, now: now))
            }
        } else if !task.warned, reached < 0, now >= task.deadline.addingTimeInterval(-settings.policy.warnBefore) {
            result.append(decision(task, .warned, level: 0, reason: .warning, settings: settings, now: now))
        }
        return result
    }

    /// A crisis that ended is told, once, to every level that heard about it.
    static func endedNotice(_ task: ResponseTask, settings: TaskSettings, now: Date) -> [Decision] {
        guard task.endNotifiedAt == nil, task.escalationLevel >= 0 else { return [] }
        let reached = min(task.escalationLevel, settings.ladder.count - 1)
        var decision = decision(task, .escalated, level: reached, reason: .ended, settings: settings, now: now)
        for level in 0..<reached {
            let extra = Self.decision(task, .escalated, level: level, reason: .ended, settings: settings, now: now)
            decision.notices += extra.notices.map { notice in
                Notice(
                    eventID: decision.event.id, taskID: task.id, channel: notice.channel, target: notice.target,
                    subject: notice.subject, body: notice.body, fields: notice.fields, createdAt: now)
            }
        }
        return [decision]
    }

    static func decision(
        _ task: ResponseTask, _ kind: JournalEvent.Kind, level: Int, reason: Reason, settings: TaskSettings, now: Date
    ) -> Decision {
        let rung = settings.ladder[level]
        // The identity leaves out `now`: the same decision recomputed after a crash keeps its id and Message-IDs.
        let identity = [kind.rawValue, task.id, "\(level)", reason.rawValue, ISOTime.format(task.deadline), task.crisisLevel?.rawValue ?? ""]
            .joined(separator: "\u{1F}")
        let event = JournalEvent(
            at: now, kind: kind, taskID: task.id, note: "\(reason.rawValue): notified \(rung.name)", level: level,
            detail: reason.rawValue, identity: identity)
        let message = NoticeText.message(task: task, level: rung, reason: reason, settings: settings, now: now)
        var notices: [Notice] = []
        let targets = rung.emails.map { (Notice.Channel.email, $0) } + rung.webhooks.map { (Notice.Channel.webhook, $0) }
            + rung.commands.map { (Notice.Channel.command, $0) }
        for (channel, target) in targets {
            notices.append(
                Notice(
                    eventID: event.id, taskID: task.id, channel: channel, target: target, subject: message.subject,
                    body: message.body, fields: message.fields, createdAt: now))
        }
        return Decision(event: event, notices: notices)
    }
}
