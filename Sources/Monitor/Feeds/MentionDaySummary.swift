import Foundation
import ReputationCore

/// One closed day file of the mention log as the report reads it: its mentions as report rows, and the texts of
/// each category's two latest posts of that day (the only ones of the day a report can quote, see
/// `Report.latest`). Kept in `alerts/state/mention-days/YYYY-MM-DD.json` with the size of the day file it covers:
/// derived, never a record, rebuilt whenever the day file's size differs (a late append, a lost or torn summary).
struct MentionDaySummary: Sendable, Codable {
    var file: String
    var size: Int
    /// What the rows mean (`nil`: 1, rows dated by publication alone; 2: by `countedAt`): an older one is rebuilt.
    var layout: Int?
    var mentions: ReportMentionsFile

    static let currentLayout = 2

    init(file: String, size: Int, mentions: [AssessedMention]) {
        self.file = file
        self.size = size
        layout = Self.currentLayout
        let rows = mentions.map(ReportMention.init)
        var quoted = Set<String>()
        var byCategory: [String: [ReportMention]] = [:]
        for row in rows {
            for id in Set(row.categories) { byCategory[id, default: []].append(row) }
        }
        for posts in byCategory.values { quoted.formUnion(Report.latest(posts).map(\.id)) }
        var examples: [String: Report.Example] = [:]
        for assessed in mentions where quoted.contains(assessed.mention.id) {
            examples[assessed.mention.id] = examples[assessed.mention.id] ?? Report.example(assessed)
        }
        self.mentions = ReportMentionsFile(rows: rows, examples: examples)
    }

    /// The file form of `ReportMentions` (plain JSON, dates as exact seconds so the window's bounds cut the same).
    struct ReportMentionsFile: Sendable, Codable {
        var rows: [ReportMention]
        var examples: [String: Report.Example]
    }
}

/// Reads the report window's mentions from the day summaries of closed days and the day files still open (today's
/// and any dated later), writing the summary of a closed day the first time it is read. Gives what
/// `ReportMentions(MentionLog.all(since:))` gives, rows and quotable texts alike (a test compares both).
struct MentionDaySummaries {
    let log: MentionLog
    let folder: URL

    init(alertsFolder: URL) {
        log = MentionLog(alertsFolder: alertsFolder)
        folder = alertsFolder.appendingPathComponent("state").appendingPathComponent("mention-days")
    }

    func window(since start: Date, now: Date) throws(StoreError) -> ReportMentions {
        let first = MentionLog.fileName(for: start)
        let today = MentionLog.fileName(for: now)
        let sizes = log.sizes()
        var window = ReportMentions()
        for name in log.files() where name >= first {
            let size = sizes[name] ?? 0
            if name >= today {
                try log.forEachBlock(ofFile: name) { window.append($0) }
                continue
            }
            var summary = stored(name, size: size)
            if summary == nil { summary = try summarise(name, size: size) }
            guard let summary else { continue }
            window.rows += summary.mentions.rows
            window.examples.merge(summary.mentions.examples) { first, _ in first }
        }
        // A post quoted that its day did not keep (its day's latest were posted after `now`, a what-if run in the
        // past): the window is read whole, as it always can be.
        let quoted = Report.exampleIDs(Report.window(window.rows, from: start, to: now))
        guard quoted.isSubset(of: window.examples.keys) else { return ReportMentions(try log.all(since: start)) }
        return window
    }

    private func url(_ name: String) -> URL {
        folder.appendingPathComponent(String(name.prefix(10)) + ".json")
    }

    /// The stored summary when it covers the day file as it is now; nil when missing, unreadable or outgrown.
    private func stored(_ name: String, size: Int) -> MentionDaySummary? {
        // Read like every store (O_NOFOLLOW): a summary replaced by a link is as good as missing, and rebuilt.
        guard let data = try? StoreFile.read(url(name).path),
            let summary = try? JSONDecoder().decode(MentionDaySummary.self, from: data),
            summary.file == name, summary.size == size, summary.layout == MentionDaySummary.currentLayout
        else { return nil }
        return summary
    }

    /// Reads the day file and keeps its summary (best effort: a read-only alerts/ only makes the next read slower).
    private func summarise(_ name: String, size: Int) throws(StoreError) -> MentionDaySummary {
        let summary = MentionDaySummary(file: name, size: size, mentions: try log.read(file: name))
        if let data = try? JSONEncoder().encode(summary) { try? AtomicFile.write(data, to: url(name)) }
        return summary
    }
}
