import Foundation
import ReputationCore

/// Every assessed mention, kept in daily JSON Lines files (`alerts/mentions/YYYY-MM-DD.jsonl`, by the UTC day it
/// was recorded) for reports, replays and audits. Append-only.
package struct MentionLog: Sendable {
    package let folder: URL

    package init(alertsFolder: URL) {
        folder = alertsFolder.appendingPathComponent("mentions")
    }

    package static func fileName(for day: Date) -> String {
        String(ISOTime.format(day).prefix(10)) + ".jsonl"
    }

    package func append(_ mentions: [AssessedMention], recordedAt now: Date) throws(StoreError) {
        try JournalFile(url: folder.appendingPathComponent(Self.fileName(for: now))).append(mentions)
    }

    /// Log file names, oldest first.
    package func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && $0.count == 16 }.sorted()
    }

    /// Current sizes of the log files: the checkpoint a finished run stores.
    package func sizes() -> [String: Int] {
        var sizes: [String: Int] = [:]
        for name in files() {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            sizes[name] = (attributes?[.size] as? Int) ?? 0
        }
        return sizes
    }

    /// Settles torn last lines of every day file and of `sources.jsonl` (see `JournalFile.settleTail`): only the
    /// run lock's holder may. Returns what was done, for the operator.
    package func settleTails(holding lock: RunLock) throws(StoreError) -> [String] {
        var notes: [String] = []
        for name in files() {
            let file = JournalFile(url: folder.appendingPathComponent(name))
            if let note = try file.settleTail(AssessedMention.self, holding: lock) { notes.append(note) }
        }
        if let note = try sourcesFile.settleTail(MentionSource.self, holding: lock) { notes.append(note) }
        return notes
    }

    /// Mentions appended after `checkpoint`: those a crashed run recorded but did not finish processing.
    package func unprocessed(after checkpoint: [String: Int]) throws(StoreError) -> JournalRead<AssessedMention> {
        var records: [AssessedMention] = []
        let newest = checkpoint.keys.max() ?? ""
        let sizes = sizes()
        for name in files() {
            // Files the checkpoint names are read past their offset whatever their day (a run dated ahead made a
            // later file than today's); older ones it does not name were there before checkpoints were kept.
            let done = checkpoint[name] ?? (name < newest ? Int.max : 0)
            let size = sizes[name] ?? 0
            guard size > done else { continue }
            let read = try JournalFile(url: folder.appendingPathComponent(name)).read(AssessedMention.self, from: done)
            records += read.records
        }
        return JournalRead(records: records)
    }

    /// All mentions recorded in files for days from `since` on (reports), each with every feed that served it
    /// (sources added by later runs merged in).
    package func all(since: Date? = nil) throws(StoreError) -> [AssessedMention] {
        let first = since.map { Self.fileName(for: $0) } ?? ""
        var records: [AssessedMention] = []
        for name in files() where name >= first { records += try read(file: name) }
        return try withLaterSources(records)
    }

    /// The mentions of one day file (`files()` names them), without the sources later runs added.
    package func read(file name: String) throws(StoreError) -> [AssessedMention] {
        try JournalFile(url: folder.appendingPathComponent(name)).read(AssessedMention.self).records
    }

    /// The same a block of lines at a time (`JournalFile.forEachBlock`), for a reader that keeps less than every
    /// mention whole (the report's rows of today's file, which a busy day makes tens of megabytes).
    package func forEachBlock(ofFile name: String, _ body: ([AssessedMention]) -> Void) throws(StoreError) {
        _ = try JournalFile(url: folder.appendingPathComponent(name)).forEachBlock(AssessedMention.self, body)
    }

    /// `mentions/sources.jsonl`: not a day file, so the readers of day files pass it by.
    var sourcesFile: JournalFile { JournalFile(url: folder.appendingPathComponent("sources.jsonl")) }

    /// Records feeds that served already-recorded mentions (appended and fsync'd like the day files).
    package func append(_ sources: [MentionSource]) throws(StoreError) {
        try sourcesFile.append(sources)
    }

    /// Every later source recorded, oldest first.
    package func laterSources() throws(StoreError) -> [MentionSource] {
        try sourcesFile.read(MentionSource.self).records
    }

    /// `records` with the later sources of each mention appended to its own, once each.
    func withLaterSources(_ records: [AssessedMention]) throws(StoreError) -> [AssessedMention] {
        let later = try laterSources()
        guard !later.isEmpty else { return records }
        let byMention = Dictionary(grouping: later, by: \.mention)
        return records.map { record in
            guard let extra = byMention[record.mention.id] else { return record }
            var merged = record
            for source in extra where !merged.mention.sources.contains(source.source) {
                merged.mention.sources.append(source.source)
            }
            return merged
        }
    }
}
