import Foundation
import ReputationCore

/// Reads what the views are made of, once: the whole journal (tasks are few next to mentions) and the mention
/// log files of the window only.
enum ReportSources {
    static func read(alertsFolder: URL, since window: TimeInterval, settings: MonitorSettings, now: Date) throws
        -> ReportInput
    {
        let start = now.addingTimeInterval(-window)
        let events = try JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl")).read(JournalEvent.self)
        let mentions = try MentionLog(alertsFolder: alertsFolder).all(since: start)
        return ReportInput(
            brand: settings.brand.name, mentions: mentions, history: TaskHistory(events: events.records),
            policy: settings.tasks.policy, windowStart: start, now: now, timeZone: settings.timeZone)
    }
}
