import Foundation
import ReputationCore

/// `alerts/state/tasks-checkpoint.jsonl`: the journal's fold (`TaskLedger`: the live tasks and the report's running
/// aggregates) up to a journal offset, so a poll and a task command (`vigia ack`, `vigia alerts`) read the checkpoint
/// and the journal's tail instead of the whole journal.
///
/// The journal stays the source of truth. The checkpoint names the offset it covers and a digest of the journal's
/// bytes just before it; a checkpoint that is missing, unreadable, of another version, beyond the journal's end, or
/// whose digest no longer matches (the journal was replaced or restored from a backup) is ignored and the ledger is
/// folded from the whole journal, as before checkpoints existed. Written atomically, only by a run-lock holder.
///
/// JSON lines: the first holds the version, the offset, the digest and the ledger without its tasks and slim copies
/// (`Header`); then a line per live task, in the book's order, and a line per slim copy of a task retired lately.
/// Those are nearly all of it (10 MB for 4650 tasks; 3 MB of copies after a month of 3000 posts a day), and as lines
/// they are encoded and decoded in slices on every core, with no decoder map of the whole file (a single document
/// needed 60 MB of it).
package struct TaskBookCheckpoint: Sendable {
    package let url: URL
    /// Where versions before 4 kept a single JSON document: removed once the lines are written.
    let formerURL: URL

    package init(alertsFolder: URL) {
        let state = alertsFolder.appendingPathComponent("state")
        url = state.appendingPathComponent("tasks-checkpoint.jsonl")
        formerURL = state.appendingPathComponent("tasks-checkpoint.json")
    }

    /// Bytes before the offset the digest covers: enough to tell this journal from another.
    static let digestSpan = 4096
    /// 4: JSON lines, a header and a task a line; an older checkpoint is rebuilt from the journal.
    static let version = 4

    /// The checkpoint's first line.
    struct Header: Codable {
        var version: Int
        /// The sealed journal segments the ledger covers whole (`JournalSegments`); the offset is in the current one.
        var sealed: [String]
        var journalOffset: Int
        var digest: String
        /// How many task lines follow, and slim-copy lines after them: a file cut short is not taken for a smaller
        /// book.
        var tasks: Int
        var retiredCopies: Int
        var ledger: TaskLedger.Header

        enum CodingKeys: String, CodingKey {
            case version, sealed, journalOffset = "journal_offset", digest, tasks, retiredCopies = "retired_copies", ledger
        }
    }

    struct Stored {
        var journalOffset: Int
        var ledger: TaskLedger
    }

    private func segments(_ journal: JournalFile) -> JournalSegments {
        JournalSegments(alertsFolder: journal.url.deletingLastPathComponent())
    }

    /// What loading found: the fold as the journal's complete lines stand, where those lines end, and where the
    /// journal was read from (the checkpoint's offset, or 0 for a whole read).
    package struct Loaded: Sendable {
        package var ledger: TaskLedger
        package var end: Int
        package var readFrom: Int
        package var fromCheckpoint: Bool
        package var book: TaskBook { ledger.book }
    }

    /// The ledger as the journal's complete lines stand: from the checkpoint and the tail when the checkpoint is
    /// current, else from the whole journal. Never writes.
    package func load(_ journal: JournalFile) throws(StoreError) -> Loaded {
        // A tail that cannot be read from the checkpoint's offset (a hand-edited offset mid-line, a damaged line) is
        // read again from the start, which names the damaged line by its number in the journal.
        if let stored = try? current(journal) {
            var ledger = stored.ledger
            let tail = try? journal.forEachBlock(JournalEvent.self, from: stored.journalOffset) { events in
                for event in events { ledger.apply(event) }
            }
            if let tail {
                return Loaded(
                    ledger: ledger, end: max(tail.end, stored.journalOffset), readFrom: stored.journalOffset,
                    fromCheckpoint: true)
            }
        }
        // The whole history: the sealed segments, then the current one.
        var ledger = TaskLedger()
        try segments(journal).foldSealed(into: &ledger)
        let read = try journal.forEachBlock(JournalEvent.self) { for event in $0 { ledger.apply(event) } }
        return Loaded(ledger: ledger, end: read.end, readFrom: 0, fromCheckpoint: false)
    }

    /// The task book alone as the journal's complete lines stand, for readers that need the tasks' current states
    /// and not the report's figures (`vigia alerts`, `ack`…): the tail is folded into the checkpoint's book without
    /// retiring anything, which changes no open task (retirement takes closed ones only).
    package func loadBook(_ journal: JournalFile) throws(StoreError) -> TaskBook {
        if let stored = try? current(journal) {
            var book = stored.ledger.book
            let tail = try? journal.forEachBlock(JournalEvent.self, from: stored.journalOffset) { events in
                for event in events { book.apply(event) }
            }
            if tail != nil { return book }
        }
        return try load(journal).book
    }

    /// Saves `ledger` as the fold of the journal's first `offset` bytes (a line boundary). Only a run-lock holder
    /// calls this (the poll after its views, a task command after its events).
    package func save(_ ledger: TaskLedger, coveringJournal journal: JournalFile, upTo offset: Int) throws(StoreError) {
        let tasks = ledger.book.tasks, copies = ledger.retiredCopies
        let header = Header(
            version: Self.version, sealed: segments(journal).sealed(), journalOffset: offset,
            digest: try Self.digest(journal, upTo: offset), tasks: tasks.count, retiredCopies: copies.count,
            ledger: ledger.header)
        let path = url.path
        try AtomicFile.ensureFolder(url.deletingLastPathComponent())
        try AtomicFile.write(to: url) { (descriptor: Int32) throws(StoreError) in
            let write = { (parts: [[UInt8]]) throws(StoreError) in
                for part in parts { try FileDescriptorIO.writeAll(descriptor, part, path: path) }
            }
            try JournalCoding.forEachBatch([header], sortedKeys: false, path: path, write)
            try JournalCoding.forEachBatch(tasks, sortedKeys: false, path: path, write)
            try JournalCoding.forEachBatch(copies, sortedKeys: false, path: path, write)
        }
        // The former layout is only ever passed over now; left behind it would be a stale copy of the tasks.
        try? FileManager.default.removeItem(at: formerURL)
    }

    /// The stored checkpoint if it still describes this journal; nil (or an error) when it must not be used.
    func current(_ journal: JournalFile) throws -> Stored? {
        guard let data = try StoreFile.read(url.path) else { return nil }
        let firstEnd = data.firstIndex(of: 0x0A) ?? data.endIndex
        // An older layout fails to decode (no task count) and is passed over like a damaged one.
        let header = try JournalCoding.decoder.decode(Header.self, from: data[data.startIndex..<firstEnd])
        guard header.version == Self.version, header.sealed == segments(journal).sealed(), header.journalOffset >= 0,
            header.digest == (try Self.digest(journal, upTo: header.journalOffset)), firstEnd < data.endIndex
        else { return nil }
        let taskStart = firstEnd + 1
        guard let copyStart = Self.offset(after: header.tasks, linesFrom: taskStart, in: data), data.last == 0x0A else {
            return nil
        }
        let tasks = try JournalFile.records(ResponseTask.self, in: data[taskStart..<copyStart], from: 0, path: url.path)
        let copies = try JournalFile.records(RetiredTask.self, in: data[copyStart...], from: 0, path: url.path)
        guard tasks.count == header.tasks, copies.count == header.retiredCopies else { return nil }
        return Stored(
            journalOffset: header.journalOffset,
            ledger: try TaskLedger(header: header.ledger, tasks: tasks, retiredCopies: copies))
    }

    /// Where the line after the `count` lines from `start` begins; nil when the data ends first.
    private static func offset(after count: Int, linesFrom start: Data.Index, in data: Data) -> Data.Index? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Data.Index? in
            guard let base = buffer.baseAddress else { return count == 0 ? start : nil }
            var position = start - data.startIndex
            for _ in 0..<count {
                guard position < buffer.count, let newline = memchr(base + position, 0x0A, buffer.count - position) else {
                    return nil
                }
                position = base.distance(to: UnsafeRawPointer(newline)) + 1
            }
            return data.startIndex + position
        }
    }

    /// FNV-1a of the `digestSpan` bytes before `offset` (and the offset itself); "short" when the journal is shorter.
    static func digest(_ journal: JournalFile, upTo offset: Int) throws(StoreError) -> String {
        let start = max(offset - digestSpan, 0)
        let data = try StoreFile.read(journal.url.path, from: start, count: offset - start) ?? Data()
        guard data.count == offset - start else { return "short" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "\(offset)-" + String(hash, radix: 16)
    }
}
