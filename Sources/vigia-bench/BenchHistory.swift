import Foundation

/// `vigia-bench history [--days N] [--per-day N] [--polls-per-day N] [--kill-every K] [--sentiment DIR] [--keep DIR]`
/// `vigia-bench history --verify DIR` (the crash check alone, over a workspace an earlier run kept)
///
/// A year of a busy shop, compressed: every simulated day brings `--per-day` posts (real DEV texts, a skewed pool of
/// customers, four channels), polled `--polls-per-day` times by the release `vigia` beside this binary with `--now`
/// set to the simulated time. After each day's last poll most tasks are answered the way a team does it, with the
/// multi-id commands (`ack --from`, `resolve --from`, `close --from --confirmed`); the youngest tenth of what is open
/// waits for the next day. For days 1, 7, 30, 90, 180 and 365 it prints the day's median poll wall time, the largest
/// peak RSS of its polls (each child's own, from wait4), the journal's and the task checkpoint's sizes, and the time
/// of `vigia alerts` and `vigia report --since 7d` at the end of that day. The question it answers: does a poll on
/// day 365 cost what it cost in the first week?
///
/// With `--kill-every K` one poll in K and one task step in K (seeded, the same every run) is killed with SIGKILL at
/// a random moment of its expected duration and run again to completion (`HistoryKills`); the table counts only
/// completed runs (a poll run again after a kill is one: it does the slot's work). At each of those days and at the
/// end `HistoryCheck` proves from the files that nothing was lost or doubled — every served post logged once, no
/// mention with two tasks, no event twice, one sealed segment per month, the same `alerts` and `report` with the
/// task checkpoint and without. A failed check prints its problems at once and the year goes on (its table is still
/// wanted); the bench then exits 1. The check runs without kills too (the baseline the kills are measured against);
/// it reads the whole mention log and journal and asks `alerts` and `report` to fold the whole journal, so at day
/// 365 it takes minutes of the hours the year does (printed as "checking").
func benchHistory(arguments: [String]) throws {
    var options = HistoryOptions()
    try options.parse(arguments)
    let vigia = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vigia")
    if let kept = options.verify { return try verifyKept(kept, vigia: vigia) }
    var corpus = try BenchHistoryCorpus(folder: options.sentiment)
    let workspace = options.keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bench-history-\(getpid())")
    try? FileManager.default.removeItem(at: workspace)
    defer { if options.keep == nil { try? FileManager.default.removeItem(at: workspace) } }
    let feeds = workspace.appendingPathComponent("feeds"), alerts = workspace.appendingPathComponent("alerts")
    try BenchHistoryCorpus.writeConfiguration(to: feeds)
    let history = HistoryRun(vigia: vigia, feeds: feeds, alerts: alerts, scratch: workspace.appendingPathComponent("out"))
    var kills = HistoryKills(every: options.killEvery)
    let killing = options.killEvery > 0 ? "; one poll and one task step in \(options.killEvery) killed and run again" : ""
    say("history: \(options.days) days × \(options.perDay) posts, \(options.pollsPerDay) polls a day\(killing); \(vigia.path)")
    say("  " + HistoryRow.header)
    let began = DispatchTime.now().uptimeNanoseconds
    let start = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z")!
    let slot = 86_400.0 / Double(options.pollsPerDay)
    var checking = 0.0
    var failures: [HistoryCheck.Failure] = []
    for day in 1...options.days {
        var polls: [ChildRun] = []
        var last = start
        for poll in 0..<options.pollsPerDay {
            let from = start.addingTimeInterval(Double(day - 1) * 86_400 + Double(poll) * slot)
            let due = from.addingTimeInterval(slot - 60)
            let count = options.perDay / options.pollsPerDay + (poll < options.perDay % options.pollsPerDay ? 1 : 0)
            try corpus.writeSlot(count: count, from: from.addingTimeInterval(-60), to: due.addingTimeInterval(-30),
                                 tag: "d\(day)p\(poll)", feeds: feeds)
            let done = try history.poll(at: due, kills: &kills)
            polls.append(done.run)
            last = done.at
        }
        let answered = try history.answerMost(at: last.addingTimeInterval(30), kills: &kills)
        let layout = HistoryLayout(days: day, perDay: options.perDay, pollsPerDay: options.pollsPerDay)
        let kept = HistoryKept(layout: layout, at: last.addingTimeInterval(45), pollsKilled: kills.pollsKilled,
                               stepsKilled: kills.stepsKilled, midCommit: kills.midCommit)
        try kept.write(to: workspace)
        guard HistoryRow.marks.contains(day) || day == options.days else { continue }
        let row = try HistoryRow(day: day, polls: polls, answered: answered, history: history, at: kept.at)
        say("  " + row.line)
        let checked = DispatchTime.now().uptimeNanoseconds
        // A failed check is said at once and the year goes on (its table is still wanted); the run exits 1 at the end.
        do {
            say("  " + (try HistoryCheck.run(day: day, layout: layout, history: history, at: kept.at, kills: kills)))
        } catch let failure as HistoryCheck.Failure {
            say("  " + failure.description)
            failures.append(failure)
        }
        checking += Double(DispatchTime.now().uptimeNanoseconds - checked) / 60e9
    }
    let minutes = Double(DispatchTime.now().uptimeNanoseconds - began) / 60e9
    say(String(format: "  whole run %.1f min (%.1f of them checking), %.2f s per simulated day; %d polls and %d task steps killed",
               minutes, checking, (minutes - checking) * 60 / Double(options.days), kills.pollsKilled, kills.stepsKilled))
    say("  targets at day 365: poll ≤ 1.5× day 7's, peak RSS ≤ 1.5× and < 150 MB, alerts and report < 1 s")
    if let first = failures.first { throw first }
}

/// `--verify DIR`: the crash check over a workspace kept by an earlier run (`--keep DIR`), from its last day.
private func verifyKept(_ workspace: URL, vigia: URL) throws {
    let kept = try HistoryKept.read(from: workspace)
    let history = HistoryRun(vigia: vigia, feeds: workspace.appendingPathComponent("feeds"),
                             alerts: workspace.appendingPathComponent("alerts"), scratch: workspace.appendingPathComponent("out"))
    var kills = HistoryKills(every: 0)
    kills.restore(polls: kept.pollsKilled, steps: kept.stepsKilled, midCommit: kept.midCommit)
    say(try HistoryCheck.run(day: kept.layout.days, layout: kept.layout, history: history, at: kept.at, kills: kills))
}

/// What `--verify` needs to know of a kept workspace, written beside `feeds/` and `alerts/` after every day.
struct HistoryKept: Codable {
    var layout: HistoryLayout
    /// When the day's readers ran (the time the check's `alerts` and `report` are asked at).
    var at: Date
    var pollsKilled: Int
    var stepsKilled: Int
    var midCommit: Int

    static func url(in workspace: URL) -> URL { workspace.appendingPathComponent("bench-history.json") }

    func write(to workspace: URL) throws {
        try JSONEncoder().encode(self).write(to: Self.url(in: workspace), options: .atomic)
    }

    static func read(from workspace: URL) throws -> HistoryKept {
        guard let data = try? Data(contentsOf: url(in: workspace)) else {
            throw HistoryOptions.Failure.bad("no \(url(in: workspace).path): not a workspace kept by `history --keep`")
        }
        return try JSONDecoder().decode(HistoryKept.self, from: data)
    }
}

struct HistoryOptions {
    var days = 365, perDay = 3000, pollsPerDay = 4
    var sentiment = SharedBench.url("sentiment")
    var keep: URL?
    var killEvery = 0
    var verify: URL?

    enum Failure: Error, CustomStringConvertible {
        case bad(String)
        var description: String {
            switch self { case .bad(let what): "history: \(what) (usage: --days N --per-day N [--polls-per-day N] [--kill-every K] [--sentiment DIR] [--keep DIR], or --verify DIR)" }
        }
    }

    mutating func parse(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw Failure.bad("\(option) needs a value") }
            switch option {
            case "--days": days = try Self.number(value, option, 1...3650)
            case "--per-day": perDay = try Self.number(value, option, 1...1_000_000)
            case "--polls-per-day": pollsPerDay = try Self.number(value, option, 1...1440)
            case "--sentiment": sentiment = URL(fileURLWithPath: value)
            case "--keep": keep = URL(fileURLWithPath: value)
            case "--kill-every": killEvery = try Self.number(value, option, 0...1_000_000)
            case "--verify": verify = URL(fileURLWithPath: value)
            default: throw Failure.bad("unknown option \(option)")
            }
        }
    }

    private static func number(_ text: String, _ option: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else { throw Failure.bad("\(option) must be a number in \(range)") }
        return value
    }
}

/// A line on stdout at once (print is buffered when stdout is a file, and a year-long run is watched as it goes).
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
