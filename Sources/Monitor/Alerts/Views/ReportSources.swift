import Foundation
import ReputationCore

/// Reads what the views are made of, once: the whole journal (tasks are few next to mentions) and the mention
/// log files of the window only.
enum ReportSources {
    static func journal(alertsFolder: URL) throws -> [JournalEvent] {
        try JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl")).read(JournalEvent.self).records
    }

    static func read(alertsFolder: URL, since window: TimeInterval, settings: MonitorSettings, now: Date) throws
        -> ReportInput
    {
        // Log files are named by the UTC day a mention was recorded, which is never before the day it was posted.
        let mentions = try MentionLog(alertsFolder: alertsFolder).all(since: now.addingTimeInterval(-window))
        return input(journal: try journal(alertsFolder: alertsFolder), mentions: mentions, since: window,
                     settings: settings, now: now)
    }

    static func input(
        journal events: [JournalEvent], book: TaskBook? = nil, mentions: [AssessedMention], since window: TimeInterval,
        settings: MonitorSettings, now: Date
    ) -> ReportInput {
        let start = now.addingTimeInterval(-window)
        return ReportInput(
            brand: settings.brand.name, mentions: mentions, history: TaskHistory(events: events, book: book),
            policy: settings.tasks.policy, windowStart: start, now: now, timeZone: settings.timeZone)
    }
}
