import Foundation
import ReputationCore

/// The journal's fold (`TaskLedger`) as a poll takes it once, from the task checkpoint and the journal's tail (the
/// whole journal only when there is no usable checkpoint), and brings it up to date by reading and folding only what
/// was appended since (the poll's own filings and escalations, and any `vigia ack` a person ran meanwhile). What a
/// poll reads of the journal is what is new, not its history.
package struct JournalSnapshot: Sendable {
    /// The fold, kept current event by event.
    package private(set) var ledger: TaskLedger
    package var book: TaskBook { ledger.book }
    /// Byte offset just past the last complete line read: what `ledger` covers.
    package private(set) var end: Int
    /// Where the first read started: the checkpoint's offset, or 0 when the journal was read whole.
    package private(set) var readFrom: Int
    /// Whether the fold came from the checkpoint (else from every segment of the journal).
    package private(set) var fromCheckpoint = false
    /// Bytes of the file this snapshot has read, the first read and every tail: the journal's size less `readFrom`
    /// when every byte after the checkpoint was read once (what a poll's timing line reports).
    package private(set) var bytesRead: Int
    /// How many times the file was read (1 for the first read, then one per catch-up).
    package private(set) var reads: Int
    /// Events read since the first read (the catch-ups): a poll compares it to tell whether anything was appended.
    package private(set) var eventsAppended = 0

    /// Reads the journal from its checkpoint in `checkpoint` (the whole journal when there is none usable).
    package init(_ journal: JournalFile, checkpoint: TaskBookCheckpoint) throws(StoreError) {
        let loaded = try checkpoint.load(journal)
        ledger = loaded.ledger
        end = loaded.end
        readFrom = loaded.readFrom
        fromCheckpoint = loaded.fromCheckpoint
        bytesRead = loaded.end - loaded.readFrom
        reads = 1
    }

    /// Reads the whole journal, sealed segments and all (no checkpoint).
    package init(_ journal: JournalFile) throws(StoreError) {
        let segments = JournalSegments(alertsFolder: journal.url.deletingLastPathComponent())
        var ledger = TaskLedger()
        try segments.foldSealed(into: &ledger)
        let read = try journal.forEachBlock(JournalEvent.self) { for event in $0 { ledger.apply(event) } }
        self.ledger = ledger
        end = read.end
        readFrom = 0
        bytesRead = read.end
        reads = 1
    }

    /// Adds the events appended since the last read.
    package mutating func catchUp(_ journal: JournalFile) throws(StoreError) {
        var appended = 0
        let read = try journal.forEachBlock(JournalEvent.self, from: end) { events in
            for event in events { ledger.apply(event) }
            appended += events.count
        }
        eventsAppended += appended
        bytesRead += read.end - end
        reads += 1
        end = read.end
    }

    /// For `VIGIA_TIMINGS`: "journal 48213 bytes, read 1203 from byte 47010 (checkpoint, 3 tails), 812 live tasks
    /// (40210 retired), task book folded once".
    package var readings: String {
        "journal \(end) bytes, read \(bytesRead) from byte \(readFrom) (\(fromCheckpoint ? "checkpoint" : "whole read"), "
            + "\(reads - 1) tails), \(book.tasks.count) live tasks (\(ledger.retired) retired), task book folded once"
    }
}
