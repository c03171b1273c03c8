import Foundation
import ReputationCore

/// `alerts/state/tasks-checkpoint.json`: the journal's fold (`TaskLedger`: the live tasks and the report's running
/// aggregates) up to a journal offset, so a poll and a task command (`vigia ack`, `vigia alerts`) read the checkpoint
/// and the journal's tail instead of the whole journal.
///
/// The journal stays the source of truth. The checkpoint names the offset it covers and a digest of the journal's
/// bytes just before it; a checkpoint that is missing, unreadable, of another version, beyond the journal's end, or
/// whose digest no longer matches (the journal was replaced or restored from a backup) is ignored and the ledger is
/// folded from the whole journal, as before checkpoints existed. Written atomically, only by a run-lock holder.
package struct TaskBookCheckpoint: Sendable {
    package let url: URL

    package init(alertsFolder: URL) {
        url = alertsFolder.appendingPathComponent("state").appendingPathComponent("tasks-checkpoint.json")
    }

    /// Bytes before the offset the digest covers: enough to tell this journal from another.
    static let digestSpan = 4096
    /// 3: the ledger with its retired copies and people's steps as arrays; an older checkpoint is rebuilt from the
    /// journal.
    static let version = 3

    struct Stored: Codable {
        var version: Int
        /// The sealed journal segments the ledger covers whole (`JournalSegments`); the offset is in the current one.
        var sealed: [String]
        var journalOffset: Int
        var digest: String
        var ledger: TaskLedger

        enum CodingKeys: String, CodingKey {
            case version, sealed, journalOffset = "journal_offset", digest, ledger
        }
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
        if let stored = try? current(journal), let tail = try? journal.read(JournalEvent.self, from: stored.journalOffset) {
            var ledger = stored.ledger
            for event in tail.records { ledger.apply(event) }
            return Loaded(
                ledger: ledger, end: max(tail.end, stored.journalOffset), readFrom: stored.journalOffset, fromCheckpoint: true)
        }
        // The whole history: the sealed segments, then the current one.
        var ledger = TaskLedger()
        try segments(journal).foldSealed(into: &ledger)
        let read = try journal.read(JournalEvent.self)
        for event in read.records { ledger.apply(event) }
        return Loaded(ledger: ledger, end: read.end, readFrom: 0, fromCheckpoint: false)
    }

    /// The task book alone as the journal's complete lines stand, for readers that need the tasks' current states
    /// and not the report's figures (`vigia alerts`, `ack`…): only the checkpoint's book is decoded and the tail is
    /// folded into it without retiring anything, which changes no open task (retirement takes closed ones only).
    package func loadBook(_ journal: JournalFile) throws(StoreError) -> TaskBook {
        struct StoredBook: Decodable {
            var version: Int
            var sealed: [String]
            var journalOffset: Int
            var digest: String
            var ledger: LedgerBook
            enum CodingKeys: String, CodingKey { case version, sealed, journalOffset = "journal_offset", digest, ledger }
        }
        struct LedgerBook: Decodable { var book: TaskBook }
        if let data = try? StoreFile.read(url.path), let stored = try? JournalCoding.decoder.decode(StoredBook.self, from: data),
            stored.version == Self.version, stored.sealed == segments(journal).sealed(), stored.journalOffset >= 0,
            stored.digest == (try? Self.digest(journal, upTo: stored.journalOffset)),
            let tail = try? journal.read(JournalEvent.self, from: stored.journalOffset)
        {
            var book = stored.ledger.book
            for event in tail.records { book.apply(event) }
            return book
        }
        return try load(journal).book
    }

    /// Saves `ledger` as the fold of the journal's first `offset` bytes (a line boundary). Only a run-lock holder
    /// calls this (the poll after its views, a task command after its events).
    package func save(_ ledger: TaskLedger, coveringJournal journal: JournalFile, upTo offset: Int) throws(StoreError) {
        let stored = Stored(
            version: Self.version, sealed: segments(journal).sealed(), journalOffset: offset,
            digest: try Self.digest(journal, upTo: offset), ledger: ledger)
        let data: Data
        do {
            data = try Self.encoder.encode(stored)
        } catch {
            throw .cannotWrite(path: url.path, reason: "cannot encode the task ledger: \(error)")
        }
        try AtomicFile.ensureFolder(url.deletingLastPathComponent())
        try AtomicFile.write(data, to: url)
    }

    /// The journal's coding without sorted keys: nothing compares checkpoint bytes (a fold is compared by its
    /// contents), and sorting every task's keys was a tenth of a busy poll's time, spent on each save.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = JournalCoding.encoder.dateEncodingStrategy
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// The stored checkpoint if it still describes this journal; nil (or an error) when it must not be used.
    func current(_ journal: JournalFile) throws -> Stored? {
        guard let data = try StoreFile.read(url.path) else { return nil }
        // An older layout fails to decode (no ledger) and is passed over like a damaged one.
        let stored = try JournalCoding.decoder.decode(Stored.self, from: data)
        guard stored.version == Self.version, stored.sealed == segments(journal).sealed(), stored.journalOffset >= 0, stored.digest == (try Self.digest(journal, upTo: stored.journalOffset)) else { return nil }
        return stored
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
