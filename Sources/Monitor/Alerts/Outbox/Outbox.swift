import Foundation
import ReputationCore

/// The durable outbox, `alerts/outbox/`: one JSON file per notification (`<id>.json`, plus a readable `<id>.txt`),
/// moved to `outbox/sent/` once delivered.
///
/// Delivery semantics — at most once per notification:
/// 1. the item is written (fsync'd) before any attempt; enqueueing the same notice again is a no-op, so a decision
///    recomputed after a crash never doubles a message;
/// 2. before an attempt the item is rewritten as `sending`; after it, as `sent` (then moved) or back to `pending`
///    with a backoff;
/// 3. an item found `sending` by a later run means the run died between the attempt and its mark: it may have
///    arrived. It becomes `uncertain` and is NOT sent again automatically (it stays readable in the outbox and
///    is reported); `vigia escalate --retry-uncertain` requeues those on purpose, and since the Message-ID is stable
///    per event and recipient the receiver can still deduplicate.
/// A mail server that is down only ever causes `pending` items with a later `nextAttemptAt`: nothing is lost.
package struct Outbox: Sendable {
    package let folder: URL

    package init(folder: URL) {
        self.folder = folder
    }

    var sentFolder: URL { folder.appendingPathComponent("sent") }

    /// Writes new notices; returns how many were new.
    package func enqueue(_ notices: [Notice]) throws(StoreError) -> Int {
        try AtomicFile.ensureFolder(folder)
        // Notices already standing in a queued digest (a run that died before its journal line) are not queued
        // again; once delivered, the journal records their events and they are never recomputed.
        let covered = Set(try items().flatMap { $0.notice.covers ?? [] })
        var added = 0
        for notice in notices where !contains(notice.id) && !(notice.covers ?? [notice.id]).allSatisfy(covered.contains) {
            // The readable copy first: the JSON is what makes the item exist, so a run killed between the two
            // leaves no item and the notice recomputed next run writes both (the other order left one unreadable).
            let item = OutboxItem(notice: notice)
            try AtomicFile.write(Data(item.readableText.utf8), to: url(item.id, "txt"))
            try write(item)
            added += 1
        }
        return added
    }

    package func contains(_ id: String) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: url(id, "json").path)
            || manager.fileExists(atPath: sentFolder.appendingPathComponent("\(id).json").path)
    }

    /// Every item still in the outbox (not sent), oldest first.
    package func items() throws(StoreError) -> [OutboxItem] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        } catch {
            if !FileManager.default.fileExists(atPath: folder.path) { return [] }
            throw .cannotRead(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        var items: [OutboxItem] = []
        for name in names.sorted() {
            let path = folder.appendingPathComponent(name).path
            guard let data = try StoreFile.read(path) else { throw .cannotRead(path: path, reason: "vanished while reading") }
            do {
                items.append(try JournalCoding.decoder.decode(OutboxItem.self, from: data))
            } catch {
                throw .corrupt(path: path, line: 1, reason: "not an outbox item: \(error)")
            }
        }
        return items.sorted { ($0.notice.createdAt, $0.id) < ($1.notice.createdAt, $1.id) }
    }

    /// Delivered items (in `sent/`).
    package func sentCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: sentFolder.path)) ?? []).filter { $0.hasSuffix(".json") }.count
    }

    package func write(_ item: OutboxItem) throws(StoreError) {
        let data: Data
        do {
            data = try JournalCoding.encoder.encode(item)
        } catch {
            throw .cannotWrite(path: url(item.id, "json").path, reason: "cannot encode: \(error)")
        }
        try AtomicFile.write(data, to: url(item.id, "json"))
    }

    /// Records the delivery, then moves the item (and its readable copy) to `sent/`. A crash between the two
    /// leaves a `sent` item in the outbox, which the next `settleSent()` moves.
    package func markSent(_ item: OutboxItem) throws(StoreError) {
        try write(item)
        try moveToSent(item.id)
    }

    /// Moves items already marked sent (left by an interrupted run).
    package func settleSent() throws(StoreError) {
        for item in try items() where item.state == .sent { try moveToSent(item.id) }
    }

    private func moveToSent(_ id: String) throws(StoreError) {
        try AtomicFile.ensureFolder(sentFolder)
        // The readable copy first, for the same reason: a `sent` JSON left behind is moved by `settleSent()`.
        for suffix in ["txt", "json"] {
            let source = url(id, suffix)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            let target = sentFolder.appendingPathComponent("\(id).\(suffix)")
            guard rename(source.path, target.path) == 0 else {
                throw .cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
    }

    func url(_ id: String, _ suffix: String) -> URL { folder.appendingPathComponent("\(id).\(suffix)") }
}
