import Foundation
import ReputationCore

/// The journal's history in segments. `alerts/journal.jsonl` is the segment being appended. When a poll (the run
/// lock's holder) finds that it began in an earlier month than the run's time, it seals it: the file is renamed,
/// whole and unchanged, to `alerts/journal/NNNNNN-YYYY-MM.jsonl` (a sequence number, then the month of its first
/// event) and a new `journal.jsonl` begins with the next append. Sealed segments are never written again and never
/// deleted. The task checkpoint names the sealed segments it knows and an offset in the current one, so a poll reads
/// only the current segment's tail; a reader that needs the whole history (a rebuild, `vigia alerts --all`, a long
/// report) reads the sealed segments oldest first, then the current one. A folder without `journal/` (one file, as
/// before segments) is simply a journal with no sealed segment yet.
package struct JournalSegments: Sendable {
    package let alertsFolder: URL

    package init(alertsFolder: URL) {
        self.alertsFolder = alertsFolder
    }

    package var current: JournalFile { JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl")) }
    var folder: URL { alertsFolder.appendingPathComponent("journal") }

    /// Names of the sealed segments, oldest first.
    package func sealed() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && $0.count == 20 && $0.prefix(6).allSatisfy(\.isNumber) }.sorted()
    }

    /// Every event of the journal: the sealed segments oldest first, then the current one (its complete lines).
    package func readAll() throws(StoreError) -> [JournalEvent] {
        try readSealed() + current.read(JournalEvent.self).records
    }

    /// The events that may be dated at or after `start`: the sealed segments from the last one begun before
    /// `start`'s month (a segment holds events until the next one begins), then the current one. For a reader of one
    /// task's events (a reply's history), which need not read the months before the task was filed.
    package func read(since start: Date) throws(StoreError) -> [JournalEvent] {
        let month = String(ISOTime.format(start).prefix(7))
        let names = sealed()
        // The month a segment's events begin, from its name (NNNNNN-YYYY-MM.jsonl).
        let begins = names.map { String($0.dropFirst(7).prefix(7)) }
        let first = begins.lastIndex { $0 < month } ?? 0
        var events: [JournalEvent] = []
        for name in names.dropFirst(first) {
            events += try JournalFile(url: folder.appendingPathComponent(name)).read(JournalEvent.self).records
        }
        return events + (try current.read(JournalEvent.self).records)
    }

    /// The events of the sealed segments, oldest first.
    /// The whole journal folded into a ledger (`retiring: false` keeps every task), a segment at a time.
    package func foldAll(retiring: Bool) throws(StoreError) -> TaskLedger {
        var ledger = TaskLedger(retiring: retiring)
        try foldSealed(into: &ledger)
        _ = try current.forEachBlock(JournalEvent.self) { for event in $0 { ledger.apply(event) } }
        return ledger
    }

    /// Folds the sealed segments into `ledger`, oldest first, a block of lines in memory at a time: a rebuild after a
    /// year holds the fold and a few megabytes of events, not a year of them (gigabytes for a busy shop).
    package func foldSealed(into ledger: inout TaskLedger) throws(StoreError) {
        for name in sealed() {
            let segment = JournalFile(url: folder.appendingPathComponent(name))
            _ = try segment.forEachBlock(JournalEvent.self) { for event in $0 { ledger.apply(event) } }
        }
    }

    package func readSealed() throws(StoreError) -> [JournalEvent] {
        var events: [JournalEvent] = []
        for name in sealed() {
            events += try JournalFile(url: folder.appendingPathComponent(name)).read(JournalEvent.self).records
        }
        return events
    }

    /// Seals the current segment when its first event is from a month before `now`'s (UTC) and `end` (what the
    /// caller's fold covers) is its whole size; returns the sealed segment's name, or nil when nothing was done.
    /// Only the run lock's holder may call this: nobody else appends meanwhile.
    package func sealIfNewMonth(now: Date, coveredUpTo end: Int, holding lock: RunLock) throws(StoreError) -> String? {
        let path = current.url.path
        guard let head = try StoreFile.read(path, count: 1 << 20), !head.isEmpty else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        guard size == end, let newline = head.firstIndex(of: 0x0A),
            let first = try? JournalCoding.decoder.decode(JournalEvent.self, from: head[..<newline])
        else { return nil }
        let month = String(ISOTime.format(first.at).prefix(7))
        guard month < String(ISOTime.format(now).prefix(7)) else { return nil }
        let sequence = (sealed().last.flatMap { Int($0.prefix(6)) } ?? 0) + 1
        let name = String(format: "%06d-", sequence) + month + ".jsonl"
        if StoreFile.isLink(folder.path) { throw .symbolicLink(path: folder.path) }
        try AtomicFile.ensureFolder(folder)
        let target = folder.appendingPathComponent(name)
        guard rename(path, target.path) == 0 else { throw .writing(target.path, errno: errno) }
        FileDescriptorIO.syncDirectory(of: target)
        FileDescriptorIO.syncDirectory(of: current.url)
        return name
    }
}
