import Foundation
import ReputationCore

/// The regenerated views in alerts/: OPEN.md (open tasks, overdue first) and report.html (the last 7 days).
/// Both are derived from the journal and the mention log and rewritten atomically; neither is a record.
public enum AlertViews {
    /// Window of the report.html written after each poll.
    public static let reportWindow: TimeInterval = 7 * 86_400

    /// Regenerates alerts/OPEN.md and alerts/report.html after each poll, cheaply: the journal is read once and
    /// only the mention files of the report window are opened.
    public static func regenerate(alertsFolder: URL, settings: MonitorSettings, now: Date) throws {
        let events = try ReportSources.journal(alertsFolder: alertsFolder)
        try regenerate(alertsFolder: alertsFolder, settings: settings, now: now, journal: events)
    }

    /// The same, for a caller that already holds the journal's events (the poll has just folded them): the journal
    /// is then not read a second time.
    public static func regenerate(
        alertsFolder: URL, settings: MonitorSettings, now: Date, journal events: [JournalEvent]
    ) throws {
        let mentions = try MentionLog(alertsFolder: alertsFolder).all(since: now.addingTimeInterval(-reportWindow))
        try regenerate(alertsFolder: alertsFolder, settings: settings, now: now, journal: events, mentions: mentions)
    }

    /// The same, for a poll that holds both the journal's events and the mentions of the report window (as
    /// `MentionLog.all(since: now - reportWindow)` gives them): nothing is read again.
    public static func regenerate(
        alertsFolder: URL, settings: MonitorSettings, now: Date, journal events: [JournalEvent],
        mentions: [AssessedMention]
    ) throws {
        try write(pages(settings: settings, now: now, journal: events, mentions: mentions), to: alertsFolder)
    }

    /// The two views, rendered.
    public struct Pages: Sendable {
        public var openTasks: String
        public var report: String
    }

    /// Renders the views from the journal's events and the report window's mentions, without writing them.
    public static func pages(
        settings: MonitorSettings, now: Date, journal events: [JournalEvent], mentions: [AssessedMention]
    ) -> Pages {
        let input = ReportSources.input(journal: events, mentions: mentions, since: reportWindow, settings: settings, now: now)
        let open = input.history.open(now: now)
        let page = OpenTasksPage(brand: settings.brand.name, timeZone: settings.timeZone, now: now).render(open)
        let html = ReportHTML(report: Report.build(input), openTasks: open).render()
        return Pages(openTasks: page, report: html)
    }

    /// Writes rendered views into alerts/, each atomically.
    public static func write(_ pages: Pages, to alertsFolder: URL) throws {
        try AtomicFile.write(Data(pages.openTasks.utf8), to: alertsFolder.appendingPathComponent("OPEN.md"))
        try AtomicFile.write(Data(pages.report.utf8), to: alertsFolder.appendingPathComponent("report.html"))
    }
}
