import Foundation

/// Reads an alerts/ folder the way an auditor would, without Vigía's own code: every journal and mention line must
/// parse, every state file must be valid JSON, and the counts the crash proof needs (mention ids, tasks per mention,
/// notifications per id, torn-line repairs) come out as plain numbers.
struct AlertsAudit {
    var journalEvents = 0
    var mentionLines = 0
    /// Lines of mentions/sources.jsonl: a feed serving an already-recorded mention in a later run.
    var laterSourceLines = 0
    /// Mention id → how many lines of mentions/*.jsonl carry it.
    var mentionCounts: [String: Int] = [:]
    /// Mention id → how many `filed` events name it (post tasks only: crisis and source-health tasks carry synthetic ids).
    var tasksPerMention: [String: Int] = [:]
    /// Task id → how many `filed` events carry it.
    var filedPerTask: [String: Int] = [:]
    /// Notification id → how many `notification_sent` events carry it.
    var sentPerNotification: [String: Int] = [:]
    var kinds: [String: Int] = [:]
    var tornFiles: [String] = []
    /// Atomic-write temporaries (`<file>.tmp-<pid>`): a SIGKILL between create and rename leaves one behind; that is
    /// litter, not damage, so the crash proof counts them while the full-disk proof (no kills) demands none.
    var temporaryFiles: [String] = []
    var problems: [String] = []

    var mentionIDs: Set<String> { Set(mentionCounts.keys) }
    var duplicateMentions: [String] { mentionCounts.filter { $0.value > 1 }.map(\.key).sorted() }
    var mentionsWithTwoTasks: [String] { tasksPerMention.filter { $0.value > 1 }.map(\.key).sorted() }
    var tasksFiledTwice: [String] { filedPerTask.filter { $0.value > 1 }.map(\.key).sorted() }
    var notificationsSentTwice: [String] { sentPerNotification.filter { $0.value > 1 }.map(\.key).sorted() }

    init(_ alerts: URL) {
        let manager = FileManager.default
        let names = (try? manager.subpathsOfDirectory(atPath: alerts.path)) ?? []
        tornFiles = names.filter { $0.contains(".torn-") }.sorted()
        // Sealed journal segments (journal/NNNNNN-YYYY-MM.jsonl) first, oldest first, then the current one.
        for name in names.sorted() where name.hasPrefix("journal/") && name.hasSuffix(".jsonl") && !name.contains(".torn-") {
            readJournal(alerts.appendingPathComponent(name))
        }
        readJournal(alerts.appendingPathComponent("journal.jsonl"))
        for name in names.sorted() where name.hasPrefix("mentions/") && name.hasSuffix(".jsonl") && !name.contains(".torn-") {
            if name == "mentions/sources.jsonl" { continue }
            readMentions(alerts.appendingPathComponent(name), name: name)
        }
        readLaterSources(alerts.appendingPathComponent("mentions/sources.jsonl"))
        for name in names where name.hasPrefix("state/") && name.hasSuffix(".json") {
            let data = (try? Data(contentsOf: alerts.appendingPathComponent(name))) ?? Data()
            if (try? JSONSerialization.jsonObject(with: data)) == nil { problems.append("\(name) is not valid JSON") }
        }
        temporaryFiles = names.filter { $0.hasSuffix(".tmp") || $0.contains(".tmp-") }.sorted()
    }

    /// Problems plus the invariants of the crash proof, as one list (empty when all hold).
    var violations: [String] {
        var all = problems
        if !duplicateMentions.isEmpty { all.append("mentions recorded twice: \(duplicateMentions.prefix(10))") }
        if !mentionsWithTwoTasks.isEmpty { all.append("mentions with two tasks: \(mentionsWithTwoTasks.prefix(10))") }
        if !tasksFiledTwice.isEmpty { all.append("tasks filed twice: \(tasksFiledTwice.prefix(10))") }
        if !notificationsSentTwice.isEmpty { all.append("notifications sent twice: \(notificationsSentTwice.prefix(10))") }
        return all
    }

    private mutating func readJournal(_ url: URL) {
        for object in Self.objects(url, name: "journal.jsonl", problems: &problems) {
            journalEvents += 1
            let kind = object["kind"] as? String ?? "?"
            kinds[kind, default: 0] += 1
            if kind == "filed" {
                let task = object["task"] as? [String: Any] ?? [:]
                let taskID = (object["task_id"] as? String) ?? (task["id"] as? String) ?? "?"
                filedPerTask[taskID, default: 0] += 1
                let mentionID = (task["mention_id"] as? String) ?? (object["mention_id"] as? String)
                if let mentionID, mentionID.hasPrefix("m-") { tasksPerMention[mentionID, default: 0] += 1 }
            }
            // A digest notification covers several tasks and journals one sent event per task.
            if kind == "notification_sent", let id = object["notification_id"] as? String {
                sentPerNotification["\(id) for \(object["task_id"] as? String ?? "?")", default: 0] += 1
            }
        }
    }

    private mutating func readMentions(_ url: URL, name: String) {
        for object in Self.objects(url, name: name, problems: &problems) {
            mentionLines += 1
            guard let mention = object["mention"] as? [String: Any], let id = mention["id"] as? String else {
                problems.append("\(name): a line without mention.id")
                continue
            }
            mentionCounts[id, default: 0] += 1
        }
    }

    /// Later sources of recorded mentions: each line names a mention that is in the log (recorded first, since the
    /// mention files are appended before this one) and a feed.
    private mutating func readLaterSources(_ url: URL) {
        for object in Self.objects(url, name: "mentions/sources.jsonl", problems: &problems) {
            laterSourceLines += 1
            guard let id = object["mention"] as? String, object["source"] is String else {
                problems.append("mentions/sources.jsonl: a line without mention and source")
                continue
            }
            if mentionCounts[id] == nil { problems.append("mentions/sources.jsonl: \(id) is not a recorded mention") }
        }
    }

    /// Each line's JSON object; a line that does not parse, or a missing final newline, is a problem.
    private static func objects(_ url: URL, name: String, problems: inout [String]) -> [[String: Any]] {
        guard let data = try? Data(contentsOf: url), !data.isEmpty else { return [] }
        if data.last != 0x0A { problems.append("\(name) ends without a newline (a torn last line left in place)") }
        var objects: [[String: Any]] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                problems.append("\(name):\(index + 1) does not parse as a JSON object")
                continue
            }
            objects.append(object)
        }
        return objects
    }
}
