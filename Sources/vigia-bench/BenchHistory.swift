import Foundation

/// `vigia-bench history [--days N] [--per-day N] [--polls-per-day N] [--sentiment DIR] [--keep DIR]`
///
/// A year of a busy shop, compressed: every simulated day brings `--per-day` posts (real DEV texts, a skewed pool of
/// customers, four channels), polled `--polls-per-day` times by the release `vigia` beside this binary with `--now`
/// set to the simulated time. After each day's last poll most tasks are answered the way a team does it, with the
/// multi-id commands (`ack --from`, `resolve --from`, `close --from --confirmed`); the youngest tenth of what is open
/// waits for the next day. For days 1, 7, 30, 90, 180 and 365 it prints the day's median poll wall time, the largest
/// peak RSS of its polls (each child's own, from wait4), the journal's and the task checkpoint's sizes, and the time
/// of `vigia alerts` and `vigia report --since 7d` at the end of that day. The question it answers: does a poll on
/// day 365 cost what it cost in the first week?
func benchHistory(arguments: [String]) throws {
    var options = HistoryOptions()
    try options.parse(arguments)
    var corpus = try BenchHistoryCorpus(folder: options.sentiment)
    let vigia = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vigia")
    let workspace = options.keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bench-history-\(getpid())")
    try? FileManager.default.removeItem(at: workspace)
    defer { if options.keep == nil { try? FileManager.default.removeItem(at: workspace) } }
    let feeds = workspace.appendingPathComponent("feeds"), alerts = workspace.appendingPathComponent("alerts")
    try BenchHistoryCorpus.writeConfiguration(to: feeds)
    let history = HistoryRun(vigia: vigia, feeds: feeds, alerts: alerts, scratch: workspace.appendingPathComponent("out"))
    say("history: \(options.days) days × \(options.perDay) posts, \(options.pollsPerDay) polls a day; \(vigia.path)")
    say("  " + HistoryRow.header)
    let began = DispatchTime.now().uptimeNanoseconds
    let start = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z")!
    let slot = 86_400.0 / Double(options.pollsPerDay)
    for day in 1...options.days {
        var polls: [ChildRun] = []
        var last = start
        for poll in 0..<options.pollsPerDay {
            let from = start.addingTimeInterval(Double(day - 1) * 86_400 + Double(poll) * slot)
            last = from.addingTimeInterval(slot - 60)
            let count = options.perDay / options.pollsPerDay + (poll < options.perDay % options.pollsPerDay ? 1 : 0)
            try corpus.writeSlot(count: count, from: from.addingTimeInterval(-60), to: last.addingTimeInterval(-30),
                                 tag: "d\(day)p\(poll)", feeds: feeds)
            polls.append(try history.poll(at: last))
        }
        let answered = try history.answerMost(at: last.addingTimeInterval(30))
        guard HistoryRow.marks.contains(day) || day == options.days else { continue }
        let row = try HistoryRow(day: day, polls: polls, answered: answered, history: history, at: last.addingTimeInterval(45))
        say("  " + row.line)
    }
    let minutes = Double(DispatchTime.now().uptimeNanoseconds - began) / 60e9
    say(String(format: "  whole run %.1f min; targets at day 365: poll ≤ 1.5× day 7's, peak RSS ≤ 1.5× and < 150 MB, "
                     + "alerts and report < 1 s", minutes))
}

struct HistoryOptions {
    var days = 365, perDay = 3000, pollsPerDay = 4
    var sentiment = SharedBench.url("sentiment")
    var keep: URL?

    enum Failure: Error, CustomStringConvertible {
        case bad(String)
        var description: String {
            switch self { case .bad(let what): "history: \(what) (usage: --days N --per-day N [--polls-per-day N] [--sentiment DIR] [--keep DIR])" }
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
