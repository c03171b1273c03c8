import Foundation
import ReputationCore

/// The journal's events as read once by a poll, brought up to date by reading only what was appended since (the
/// poll's own filings and escalations, and any `vigia ack` a person ran meanwhile) instead of decoding the whole
/// journal again at each step.
public struct JournalSnapshot: Sendable {
    public private(set) var events: [JournalEvent]
    private var end: Int

    /// Reads the whole journal.
    public init(_ journal: JournalFile) throws(StoreError) {
        let read = try journal.read(JournalEvent.self)
        events = read.records
        end = read.end
    }

    /// Adds the events appended since the last read.
    public mutating func catchUp(_ journal: JournalFile) throws(StoreError) {
        let read = try journal.read(JournalEvent.self, from: end)
        events += read.records
        end = read.end
    }

    public var book: TaskBook { TaskBook(events: events) }
}
