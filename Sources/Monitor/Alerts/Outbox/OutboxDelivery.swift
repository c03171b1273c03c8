import Foundation
import ReputationCore

/// Delivers due outbox items through the configured notifiers, marking each around its attempt (see `Outbox` for
/// the at-most-once semantics). Returns the journal events to record (sent, failed, uncertain).
struct OutboxDelivery {
    let outbox: Outbox
    let settings: NotifierSettings

    /// Items left `sending` by a run that died: they become `uncertain` and are not sent again.
    func recoverInterrupted(now: Date) throws(StoreError) -> [JournalEvent] {
        try outbox.settleSent()
        var events: [JournalEvent] = []
        for var item in try outbox.items() where item.state == .sending {
            item.state = .uncertain
            item.lastError = "interrupted during an attempt started \(item.attemptStartedAt.map(ISOTime.format) ?? "?"); "
                + "it may have been delivered, so it is not sent again (vigia escalate --retry-uncertain requeues it)"
            try outbox.write(item)
            events += self.events(.notificationUncertain, item, now: now, detail: item.lastError)
        }
        return events
    }

    /// Requeues uncertain items on an operator's explicit request (the stable Message-ID lets receivers dedupe).
    func requeueUncertain(now: Date) throws(StoreError) -> Int {
        var count = 0
        for var item in try outbox.items() where item.state == .uncertain {
            item.state = .pending
            item.nextAttemptAt = now
            try outbox.write(item)
            count += 1
        }
        return count
    }

    func deliverDue(now: Date, summary: inout EscalationSummary) throws(StoreError) -> [JournalEvent] {
        var events: [JournalEvent] = []
        for var item in try outbox.items() where item.state == .pending && item.nextAttemptAt <= now {
            // Without a notifier nothing is attempted: the item waits, readable, for a server to be configured.
            if let missing = missingNotifier(for: item) {
                if item.lastError != missing.description {
                    item.lastError = missing.description
                    try outbox.write(item)
                }
                continue
            }
            item.state = .sending
            item.attempts += 1
            item.attemptStartedAt = now
            try outbox.write(item)
            do throws(NotifierError) {
                try send(item)
            } catch {
                item.state = .pending
                item.lastError = error.description
                item.nextAttemptAt = now.addingTimeInterval(settings.backoff(afterAttempts: item.attempts))
                try outbox.write(item)
                summary.failed += 1
                summary.notes.append("\(item.id) to \(item.notice.target): \(error.description); next try \(ISOTime.format(item.nextAttemptAt))")
                events += self.events(.notificationFailed, item, now: now, detail: error.description)
                continue
            }
            item.state = .sent
            item.sentAt = now
            item.lastError = nil
            try outbox.markSent(item)
            summary.sent += 1
            events += self.events(.notificationSent, item, now: now, detail: "\(item.notice.channel.rawValue) \(item.notice.target)")
        }
        return events
    }

    private func missingNotifier(for item: OutboxItem) -> NotifierError? {
        switch item.notice.channel {
        case .email where settings.smtp == nil:
            .notConfigured(channel: "email", target: item.notice.target, hint: "set VIGIA_SMTP_URL or notifiers.smtp.url")
        case .webhook where !settings.webhooks.contains { $0.name == item.notice.target }:
            .notConfigured(channel: "webhook", target: item.notice.target, hint: "no notifiers.webhooks entry with that name")
        case .command where !settings.commands.contains { $0.name == item.notice.target }:
            .notConfigured(channel: "command", target: item.notice.target, hint: "no notifiers.commands entry with that name")
        default: nil
        }
    }

    private func send(_ item: OutboxItem) throws(NotifierError) {
        switch item.notice.channel {
        case .email: try EmailNotifier(smtp: settings.smtp, from: settings.smtp?.from ?? settings.mailFrom).deliver(item)
        case .webhook: try WebhookNotifier(webhooks: settings.webhooks, timeout: 15).deliver(item)
        case .command: try CommandNotifier(commands: settings.commands).deliver(item, payload: WebhookNotifier.jsonPayload(item))
        }
    }

    /// One event per task the item is about (a digest covers several).
    private func events(_ kind: JournalEvent.Kind, _ item: OutboxItem, now: Date, detail: String?) -> [JournalEvent] {
        item.notice.taskID.split(separator: ",").map { task in
            JournalEvent(at: now, kind: kind, taskID: String(task), notificationID: item.id, detail: detail)
        }
    }
}
