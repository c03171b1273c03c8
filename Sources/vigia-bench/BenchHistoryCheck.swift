import Foundation

/// The crash proof of `vigia-bench history`, read from the files as an auditor would (not through Vigía's code):
///
/// - every post the corpus served (it knows each one: `d{day}p{poll}-{index}` in the post's URL) is in the mention
///   log exactly once. Exact, not "about": an identity is the post's URL scoped to its feed, and the text Vigía
///   remembers is per identity (`MentionIdentity.textKey` hashes id + letters), so two customers — or one customer
///   twice — writing the same DEV text are two posts and two mentions; only a post served again under its identity
///   with other letters becomes a second mention (an edit), and the corpus never does that, so any second line for
///   a served post is a duplicate. Later sources (`mentions/sources.jsonl`) must name a logged mention and a feed
///   it did not already have.
/// - no mention has two response tasks (a `filed` event, or a `reopened` one a new post brought), no task is filed
///   twice, no event id appears twice (ids derive from kind, task and time, so a step recorded twice shows);
/// - the sealed journal segments are one per month, numbered in order, for every month before the current one;
/// - `vigia alerts --json` and `vigia report --since 7d --format json` print the same with the task checkpoint and
///   without it (set aside by a rename and put back: readers write nothing, so a copy of the year is not needed).
///
/// Files are read a megabyte at a time; what is held is a byte per served post and sets of 64-bit ids.
struct HistoryCheck {
    let alerts: URL
    let layout: HistoryLayout
    let history: HistoryRun
    var problems: [String] = []
    private var logged: [UInt8]
    private var mentionIDs = Set<UInt64>()
    private var eventIDs = Set<UInt64>()
    private var tasks = Set<String>()
    private var tasked = Set<UInt64>()
    private var counts = (mentions: 0, events: 0, sources: 0, sealed: 0, torn: 0)

    struct Failure: Error, CustomStringConvertible {
        var day: Int
        var problems: [String]
        var description: String {
            "crash check day \(day) FAILED, \(problems.count) problem(s):\n  " + problems.prefix(40).joined(separator: "\n  ")
        }
    }

    init(alerts: URL, layout: HistoryLayout, history: HistoryRun) {
        self.alerts = alerts
        self.layout = layout
        self.history = history
        logged = [UInt8](repeating: 0, count: layout.served)
    }

    /// Runs every check; returns the verdict line, or throws every problem found.
    static func run(day: Int, layout: HistoryLayout, history: HistoryRun, at now: Date, kills: HistoryKills) throws -> String {
        let began = DispatchTime.now().uptimeNanoseconds
        var check = HistoryCheck(alerts: history.alerts, layout: layout, history: history)
        let later = check.laterSources()
        check.readMentions(later: later)
        check.readJournal(now: now)
        check.compareWithoutCheckpoint(at: now)
        guard check.problems.isEmpty else { throw Failure(day: day, problems: check.problems) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        let c = check.counts
        return "crash check day \(day): \(group(layout.served)) posts served, each logged once (\(group(c.mentions)) "
            + "mention lines, \(c.sources) later sources); \(group(c.events)) events, no id twice; 0 mentions with two "
            + "tasks (\(group(check.tasks.count)) filed); \(c.sealed) segments sealed once; alerts and report equal "
            + "without the checkpoint; \(kills.pollsKilled) polls (\(kills.midCommit) after logging mentions) and "
            + "\(kills.stepsKilled) task steps killed and run again, \(c.torn) torn tails set aside; checked in "
            + String(format: "%.1f s", seconds)
    }

    // MARK: The mention log

    private struct MentionLine: Decodable {
        struct Mention: Decodable {
            var id: String
            var url: String?
            var sources: [String]?
        }
        var mention: Mention
    }

    private struct SourceLine: Decodable {
        var mention: String
        var source: String
    }

    /// The later sources, by mention (none in this corpus unless a feed served a logged post again).
    private mutating func laterSources() -> [UInt64: [String]] {
        var later: [UInt64: [String]] = [:]
        let decoder = JSONDecoder()
        let clean = Self.lines(of: alerts.appendingPathComponent("mentions/sources.jsonl")) { line in
            guard let source = try? decoder.decode(SourceLine.self, from: line), let key = Self.key(source.mention) else {
                problems.append("mentions/sources.jsonl: a line without a mention id and a source")
                return
            }
            later[key, default: []].append(source.source)
        }
        ended("mentions/sources.jsonl", clean)
        counts.sources = later.values.reduce(0) { $0 + $1.count }
        return later
    }

    private mutating func readMentions(later: [UInt64: [String]]) {
        let names = files(in: "mentions").filter { $0.count == 16 && $0.hasSuffix(".jsonl") }
        let decoder = JSONDecoder()
        var sources: [UInt64: [String]] = [:]
        for name in names {
            let clean = Self.lines(of: alerts.appendingPathComponent("mentions/" + name)) { line in
                guard let record = try? decoder.decode(MentionLine.self, from: line), let key = Self.key(record.mention.id)
                else { return problems.append("mentions/\(name): a line without a mention id") }
                counts.mentions += 1
                if !mentionIDs.insert(key).inserted { problems.append("mentions/\(name): \(record.mention.id) logged twice") }
                if later[key] != nil { sources[key] = record.mention.sources ?? [] }
                guard let url = record.mention.url, let index = layout.index(ofURL: url) else {
                    return problems.append("mentions/\(name): \(record.mention.id) is no post the corpus served")
                }
                if logged[index] < 255 { logged[index] += 1 }
            }
            ended("mentions/" + name, clean)
        }
        var lost = 0, doubled = 0
        for (index, times) in logged.enumerated() where times != 1 {
            if times == 0 { lost += 1 } else { doubled += 1 }
            if lost + doubled <= 10 { problems.append("post \(layout.tag(of: index)) logged \(times) times") }
        }
        if lost + doubled > 0 { problems.append("\(lost) served posts not logged, \(doubled) logged more than once") }
        for (key, extra) in later {
            guard var known = sources[key] else {
                problems.append("mentions/sources.jsonl names m-\(String(key, radix: 16)), which is not logged")
                continue
            }
            for source in extra {
                if known.contains(source) { problems.append("m-\(String(key, radix: 16)): source \(source) recorded twice") }
                known.append(source)
            }
        }
    }

    // MARK: The journal

    private struct EventLine: Decodable {
        struct Task: Decodable {
            var kind: String?
            var mentionID: String?
            enum CodingKeys: String, CodingKey {
                case kind
                case mentionID = "mention_id"
            }
        }
        var id: String
        var kind: String
        var at: String
        var taskID: String?
        var mentionID: String?
        var task: Task?
        enum CodingKeys: String, CodingKey {
            case id, kind, at, task
            case taskID = "task_id"
            case mentionID = "mention_id"
        }
    }

    /// The sealed segments oldest first, then `journal.jsonl`; the segments' names and months checked on the way.
    private mutating func readJournal(now: Date) {
        let sealed = files(in: "journal").filter { $0.hasSuffix(".jsonl") }
        counts.sealed = sealed.count
        var months: [String] = []
        for (place, name) in sealed.enumerated() {
            let parts = name.dropLast(6).split(separator: "-", maxSplits: 1)
            guard name.count == 20, parts.count == 2, Int(parts[0]) == place + 1 else {
                problems.append("journal/\(name): not segment number \(place + 1) (NNNNNN-YYYY-MM.jsonl)")
                continue
            }
            let month = String(parts[1])
            if let last = months.last, month <= last { problems.append("journal/\(name): month \(month) sealed again") }
            months.append(month)
            let first = readEvents("journal/" + name)
            if let first, first != month { problems.append("journal/\(name) begins in \(first), not in its month") }
        }
        _ = files(in: ".")  // torn tails of journal.jsonl are set aside beside it
        let current = readEvents("journal.jsonl")
        let thisMonth = String(ISO8601DateFormatter().string(from: now).prefix(7))
        if let current, let last = months.last, current <= last {
            problems.append("journal.jsonl begins in \(current), a month already sealed")
        }
        // Every simulated day files tasks, so each month before now's must have been sealed, once.
        let expected = Self.months(from: months.first ?? current ?? thisMonth, before: thisMonth)
        if months != expected { problems.append("segments sealed for \(months), expected \(expected)") }
    }

    /// Reads one journal file's events; returns the month of its first event.
    private mutating func readEvents(_ relative: String) -> String? {
        let decoder = JSONDecoder()
        var first: String?
        let clean = Self.lines(of: alerts.appendingPathComponent(relative)) { line in
            guard let event = try? decoder.decode(EventLine.self, from: line), let key = Self.key(event.id) else {
                return problems.append("\(relative): an event without an id")
            }
            counts.events += 1
            if first == nil { first = String(event.at.prefix(7)) }
            if !eventIDs.insert(key).inserted { problems.append("\(relative): event \(event.id) (\(event.kind)) twice") }
            if event.kind == "filed", let task = event.taskID, !tasks.insert(task).inserted {
                problems.append("\(relative): task \(task) filed twice")
            }
            // A post's task: filed for it, or the customer's closed task it reopened (one or the other, once).
            let post = event.kind == "filed" ? (event.task?.kind == "response" ? event.task?.mentionID : nil)
                : event.kind == "reopened" ? event.mentionID : nil
            guard let post, let key = Self.key(post) else { return }
            if !mentionIDs.contains(key) { problems.append("\(relative): \(event.kind) for \(post), which is not logged") }
            if !tasked.insert(key).inserted { problems.append("\(relative): \(post) has a second task (\(event.kind))") }
        }
        ended(relative, clean)
        return first
    }

    /// "YYYY-MM" from `first` up to the month before `end`.
    static func months(from first: String, before end: String) -> [String] {
        var months: [String] = []
        guard var year = Int(first.prefix(4)), var month = Int(first.suffix(2)) else { return [] }
        while true {
            let name = String(format: "%04d-%02d", year, month)
            guard name < end, months.count < 1200 else { return months }
            months.append(name)
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
    }

    // MARK: Checkpoint against the whole journal

    private mutating func compareWithoutCheckpoint(at now: Date) {
        let questions = [["--json", "alerts"], ["report", "--since", "7d", "--format", "json"]]
        let checkpoint = alerts.appendingPathComponent("state/tasks-checkpoint.jsonl")
        let aside = alerts.appendingPathComponent("state/tasks-checkpoint.jsonl.set-aside-by-bench")
        guard FileManager.default.fileExists(atPath: checkpoint.path) else {
            return problems.append("no task checkpoint to compare with")
        }
        do {
            let with = try questions.map { try history.run($0, at: now).output }
            guard rename(checkpoint.path, aside.path) == 0 else { return problems.append("cannot set the checkpoint aside") }
            defer { _ = rename(aside.path, checkpoint.path) }
            let without = try questions.map { try history.run($0, at: now).output }
            if FileManager.default.fileExists(atPath: checkpoint.path) {
                problems.append("a reader wrote a task checkpoint (readers write nothing)")
            }
            for (place, question) in questions.enumerated() where with[place] != without[place] {
                problems.append("`vigia \(question.joined(separator: " "))` differs without the checkpoint: "
                                + Self.firstDifference(with[place], without[place]))
            }
        } catch {
            problems.append("comparing without the checkpoint: \(error)")
        }
    }

    private static func firstDifference(_ a: Data, _ b: Data) -> String {
        let left = a.split(separator: 0x0A), right = b.split(separator: 0x0A)
        for (x, y) in zip(left, right) where x != y {
            return "\(String(decoding: x.prefix(200), as: UTF8.self)) ≠ \(String(decoding: y.prefix(200), as: UTF8.self))"
        }
        return "\(left.count) lines ≠ \(right.count) lines"
    }

    // MARK: Reading

    /// Names in `alerts/<folder>`, sorted; torn tails set aside (`.torn-`) are counted, not read.
    private mutating func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: alerts.appendingPathComponent(folder).path)) ?? []
        counts.torn += names.filter { $0.contains(".torn-") }.count
        return names.filter { !$0.contains(".torn-") && !$0.contains(".tmp") }.sorted()
    }

    /// A last line without its newline (a torn tail left in place after every run completed) is a problem.
    private mutating func ended(_ relative: String, _ clean: Bool) {
        if !clean { problems.append("\(relative) ends in a line without its newline") }
    }

    /// Each complete line of the file, read a megabyte at a time; false when the file ends without a newline.
    private static func lines(of url: URL, _ body: (Data) -> Void) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return true }
        defer { try? handle.close() }
        var pending = Data()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                if newline > start { body(pending[start..<newline]) }
                start = newline + 1
            }
            pending = Data(pending[start...])
        }
        return pending.isEmpty
    }

    /// Vigía's own ids (`m-`/`e-` and 16 hex digits) as their number.
    static func key(_ id: String) -> UInt64? {
        guard id.utf8.count == 18 else { return nil }
        return UInt64(id.dropFirst(2), radix: 16)
    }

    static func group(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (place, digit) in digits.enumerated() {
            if place > 0, (digits.count - place) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

/// Where each served post sits: day `d` (from 1), poll `p` of the day, index `i` in the poll's slot, the counts of
/// the slots computed as `benchHistory` computes them.
struct HistoryLayout: Codable {
    var days: Int
    var perDay: Int
    var pollsPerDay: Int

    var served: Int { days * perDay }

    func count(poll: Int) -> Int { perDay / pollsPerDay + (poll < perDay % pollsPerDay ? 1 : 0) }

    /// The place of `d12p3-45` (the end of a post's URL) among the served posts; nil for anything else.
    func index(ofURL url: String) -> Int? {
        guard let slash = url.range(of: "/p/d", options: .backwards) else { return nil }
        let tag = url[slash.upperBound...]
        let parts = tag.split(separator: "p", maxSplits: 1)
        guard parts.count == 2, let day = Int(parts[0]) else { return nil }
        let rest = parts[1].split(separator: "-", maxSplits: 1)
        guard rest.count == 2, let poll = Int(rest[0]), let index = Int(rest[1]), (1...days).contains(day),
            (0..<pollsPerDay).contains(poll), (0..<count(poll: poll)).contains(index)
        else { return nil }
        return (day - 1) * perDay + (0..<poll).reduce(0) { $0 + count(poll: $1) } + index
    }

    func tag(of place: Int) -> String {
        var index = place % perDay, poll = 0
        while index >= count(poll: poll) {
            index -= count(poll: poll)
            poll += 1
        }
        return "d\(place / perDay + 1)p\(poll)-\(index)"
    }
}
