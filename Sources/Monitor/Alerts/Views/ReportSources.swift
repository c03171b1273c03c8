import Foundation
import ReputationCore

/// Reads what the views are made of, once: the journal's fold (from the task checkpoint and the journal's tail when
/// the window is within what the fold keeps) and the mention log files of the window's days only, closed days from
/// their summaries (`MentionDaySummaries`).
enum ReportSources {
    /// The tasks a report over `window` needs. Within the ledger's retention (the 7 days of report.html) that is the
    /// live fold, from the checkpoint and the journal's tail; a longer window needs tasks the ledger has retired, so
    /// the whole journal is folded, keeping every task.
    static func history(alertsFolder: URL, window: TimeInterval) throws(StoreError) -> TaskHistory {
        let journal = JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl"))
        if window <= TaskLedger.retention - 86_400 {
            return TaskHistory(ledger: try TaskBookCheckpoint(alertsFolder: alertsFolder).load(journal).ledger)
        }
        return TaskHistory(ledger: try JournalSegments(alertsFolder: alertsFolder).foldAll(retiring: false))
    }

    static func read(alertsFolder: URL, since window: TimeInterval, settings: MonitorSettings, now: Date) throws
        -> ReportInput
    {
        // Log files are named by the UTC day a mention was recorded, which is never before the day it was posted.
        let mentions = try MentionDaySummaries(alertsFolder: alertsFolder).window(since: now.addingTimeInterval(-window), now: now)
        return input(history: try history(alertsFolder: alertsFolder, window: window), window: mentions,
                     since: window, settings: settings, now: now)
    }

    static func input(
        history: TaskHistory, window mentions: ReportMentions, since window: TimeInterval, settings: MonitorSettings,
        now: Date
    ) -> ReportInput {
        let start = now.addingTimeInterval(-window)
        return ReportInput(
            brand: settings.brand.name, window: mentions, history: history,
            policy: settings.tasks.policy, windowStart: start, now: now, timeZone: settings.timeZone)
    }

    static func input(
        history: TaskHistory, mentions: [AssessedMention], since window: TimeInterval, settings: MonitorSettings,
        now: Date
    ) -> ReportInput {
        input(history: history, window: ReportMentions(mentions), since: window, settings: settings, now: now)
    }
}
