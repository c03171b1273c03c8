import Foundation
import ReputationCore

/// What a poll reads from alerts/ besides its state: the journal and the mention files of the report window.
/// Read on another thread while the transfers are in flight; each read's error is kept and surfaces where the poll
/// first needs that read, as it would have without the overlap.
struct PollReading: Sendable {
    var journal: Result<JournalSnapshot, StoreError>
    var windowMentions: Result<[AssessedMention], StoreError>

    init(alertsFolder: URL, windowStart: Date) {
        let journalFile = JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl"))
        journal = Result { () throws(StoreError) in try JournalSnapshot(journalFile) }
        windowMentions = Result { () throws(StoreError) in
            try MentionLog(alertsFolder: alertsFolder).all(since: windowStart)
        }
    }
}
