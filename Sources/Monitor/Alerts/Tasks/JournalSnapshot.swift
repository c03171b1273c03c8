import Foundation
import ReputationCore

/// The journal's events and the task book folded from them, as read once by a poll and brought up to date by
/// reading and folding only what was appended since (the poll's own filings and escalations, and any `vigia ack` a
/// person ran meanwhile) instead of reading, decoding and folding the whole journal again at each step.
package struct JournalSnapshot: Sendable {
    package private(set) var events: [JournalEvent]
    /// The fold of `events`, kept current event by event.
    package private(set) var book: TaskBook
    /// Byte offset just past the last complete line read: what `book` covers.
    package private(set) var end: Int
    /// Bytes of the file this snapshot has read, the whole read and every tail: equal to the journal's size when
    /// every byte was read once (what a poll's timing line reports).
    package private(set) var bytesRead: Int
    /// How many times the file was read (1 for the whole read, then one per catch-up).
    package private(set) var reads: Int

    /// Reads the whole journal.
    package init(_ journal: JournalFile) throws(StoreError) {
        let read = try journal.read(JournalEvent.self)
        events = read.records
        book = TaskBook(events: read.records)
        end = read.end
        bytesRead = read.end
        reads = 1
    }

    /// Adds the events appended since the last read.
    package mutating func catchUp(_ journal: JournalFile) throws(StoreError) {
        let read = try journal.read(JournalEvent.self, from: end)
        events += read.records
        for event in read.records { book.apply(event) }
        bytesRead += read.end - end
        reads += 1
        end = read.end
    }

    /// For `VIGIA_TIMINGS`: "journal 48213 bytes, read 48213 (1 whole read, 3 tails), task book folded once".
    package var readings: String {
        "journal \(end) bytes, read \(bytesRead) (1 whole read, \(reads - 1) tails), task book folded once"
    }
}
