import Foundation
import ReputationCore

/// What a poll reads from alerts/ besides its state: the journal's fold (the task checkpoint and the journal's tail)
/// and the mention files of the report window.
/// Read on another thread while the transfers are in flight; each read's error is kept and surfaces where the poll
/// first needs that read, as it would have without the overlap.
///
/// The views are rendered from these too, ahead of time: most polls find nothing new (every feed answers 304), and
/// then these pages are the ones the poll would render at its end.
struct PollReading: Sendable {
    var journal: Result<JournalSnapshot, StoreError>
    /// The report window's mentions as report rows (closed days from their summaries).
    var windowMentions: Result<ReportMentions, StoreError>
    /// The views as they stand if the poll changes nothing; nil when a read failed.
    var pagesIfUnchanged: AlertViews.Pages?

    init(alertsFolder: URL, settings: MonitorSettings, now: Date) {
        let journalFile = JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl"))
        let checkpoint = TaskBookCheckpoint(alertsFolder: alertsFolder)
        journal = Result { () throws(StoreError) in try JournalSnapshot(journalFile, checkpoint: checkpoint) }
        windowMentions = Result { () throws(StoreError) in
            try MentionDaySummaries(alertsFolder: alertsFolder).window(
                since: now.addingTimeInterval(-AlertViews.reportWindow), now: now)
        }
        if case .success(let snapshot) = journal, case .success(let mentions) = windowMentions {
            pagesIfUnchanged = AlertViews.pages(settings: settings, now: now, journal: snapshot, window: mentions)
        }
    }
}
