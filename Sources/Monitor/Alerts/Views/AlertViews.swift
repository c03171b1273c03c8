import Foundation
import ReputationCore

/// The regenerated views in alerts/: OPEN.md (open tasks, overdue first) and report.html (the last 7 days).
/// Both are derived from the journal and the mention log and rewritten atomically; neither is a record.
package enum AlertViews {
    /// Window of the report.html written after each poll.
    package static let reportWindow: TimeInterval = 7 * 86_400

    /// Regenerates alerts/OPEN.md and alerts/report.html, cheaply: from the task checkpoint and the journal's tail,
    /// and only the mention files of the report window.
    package static func regenerate(alertsFolder: URL, settings: MonitorSettings, now: Date) throws {
        let input = try ReportSources.read(alertsFolder: alertsFolder, since: reportWindow, settings: settings, now: now)
        try write(pages(input), to: alertsFolder)
    }

    /// The same, for a poll that holds both the journal's fold (its live tasks) and the mentions of the report
    /// window (as `MentionLog.all(since: now - reportWindow)` gives them): nothing is read or folded again.
    package static func regenerate(
        alertsFolder: URL, settings: MonitorSettings, now: Date, journal: JournalSnapshot, mentions: [AssessedMention]
    ) throws {
        try regenerate(
            alertsFolder: alertsFolder, settings: settings, now: now, journal: journal, window: ReportMentions(mentions))
    }

    /// The same, with the window as report rows (`MentionDaySummaries.window`).
    static func regenerate(
        alertsFolder: URL, settings: MonitorSettings, now: Date, journal: JournalSnapshot, window: ReportMentions
    ) throws {
        try write(pages(settings: settings, now: now, journal: journal, window: window), to: alertsFolder)
    }

    /// The two views, rendered.
    package struct Pages: Sendable {
        package var openTasks: String
        package var report: String
    }

    /// Renders the views from the journal and the report window's mentions, without writing them.
    static func pages(
        settings: MonitorSettings, now: Date, journal: JournalSnapshot, window: ReportMentions
    ) -> Pages {
        pages(ReportSources.input(
            history: TaskHistory(ledger: journal.ledger), window: window, since: reportWindow, settings: settings,
            now: now))
    }

    private static func pages(_ input: ReportInput) -> Pages {
        let open = input.history.open(now: input.now)
        let page = OpenTasksPage(brand: input.brand, timeZone: input.timeZone, now: input.now).render(open)
        let html = ReportHTML(report: Report.build(input), openTasks: open).render()
        return Pages(openTasks: page, report: html)
    }

    /// Writes rendered views into alerts/, each atomically.
    package static func write(_ pages: Pages, to alertsFolder: URL) throws {
        try AtomicFile.write(Data(pages.openTasks.utf8), to: alertsFolder.appendingPathComponent("OPEN.md"))
        try AtomicFile.write(Data(pages.report.utf8), to: alertsFolder.appendingPathComponent("report.html"))
    }
}
