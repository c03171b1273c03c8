import Foundation

/// The `vigia` commands a simulated day runs, on one feeds/ and alerts/ pair.
struct HistoryRun {
    let vigia: URL
    let feeds: URL
    let alerts: URL
    let scratch: URL

    enum Failure: Error, CustomStringConvertible {
        case failed(String, Int32)
        var description: String {
            switch self { case .failed(let what, let status): "history: `vigia \(what)` exited \(status)" }
        }
    }

    func run(_ arguments: [String], at now: Date, accepting: Set<Int32> = [0], killAfter: Double? = nil) throws -> ChildRun {
        let base = ["--feeds", feeds.path, "--alerts", alerts.path, "--now", ISO8601DateFormatter().string(from: now)]
        let run = try ChildRun.run(vigia, base + arguments, scratch: scratch, killAfter: killAfter)
        guard run.killed || accepting.contains(run.status) else {
            throw Failure.failed(arguments.joined(separator: " "), run.status)
        }
        return run
    }

    /// A poll (1: some feed failed, still a measured run), and the time it ran at. A poll `kills` picks is cut off
    /// and run again a minute later, as cron would: each feed was due again by then (interval 1m), and the slot's
    /// posts are still served. Returns the completed run.
    func poll(at now: Date, kills: inout HistoryKills) throws -> (run: ChildRun, at: Date) {
        let first = try run(["--json", "poll"], at: now, accepting: [0, 1], killAfter: kills.moment(for: .poll))
        kills.note(first, .poll)
        guard first.killed else { return (first, now) }
        let again = try run(["--json", "poll"], at: now.addingTimeInterval(60), accepting: [0, 1])
        kills.note(again, .poll)
        let summary = (try? JSONSerialization.jsonObject(with: again.output)) as? [String: Any]
        kills.noteRecovered((summary?["recovered"] as? Int) ?? 0)
        return (again, now.addingTimeInterval(60))
    }

    /// Acknowledges every open task but the youngest tenth of the unacknowledged ones, then resolves and closes
    /// (with the customer's confirmation) everything acknowledged: three multi-id commands. Returns the tasks closed.
    func answerMost(at now: Date, kills: inout HistoryKills) throws -> Int {
        let open = try run(["--json", "alerts"], at: now).output
        var filed: [(id: String, filedAt: String)] = [], acknowledged: [String] = []
        for line in open.split(separator: 0x0A) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let id = object["id"] as? String, let state = object["state"] as? String
            else { continue }
            if state == "filed" { filed.append((id, object["filed_at"] as? String ?? "")) }
            if state == "acknowledged" { acknowledged.append(id) }
        }
        filed.sort { $0.filedAt < $1.filedAt }
        let toAck = filed.prefix(filed.count - filed.count / 10).map(\.id)
        // 64: some id was refused for its kind (a crisis task is not resolved by a person's ack alone): the rest proceed.
        try step(["ack"], toAck, at: now, kills: &kills)
        try step(["resolve"], toAck + acknowledged, at: now, kills: &kills)
        try step(["close", "--confirmed"], toAck + acknowledged, at: now, kills: &kills)
        return toAck.count + acknowledged.count
    }

    /// A step `kills` picks is cut off and given again with the same ids at the same time, as the person would:
    /// the tasks it had recorded are refused the second time (wrong state, exit 64) and the rest are recorded, so a
    /// step recorded twice would show as two events with one id (the id is derived from kind, task and time).
    private func step(_ verb: [String], _ ids: [String], at now: Date, kills: inout HistoryKills) throws {
        guard !ids.isEmpty else { return }
        let list = scratch.deletingLastPathComponent().appendingPathComponent("ids.txt")
        try Data(ids.joined(separator: "\n").utf8).write(to: list)
        let first = try run(verb + ["--from", list.path], at: now, accepting: [0, 64], killAfter: kills.moment(for: .step))
        kills.note(first, .step)
        guard first.killed else { return }
        kills.note(try run(verb + ["--from", list.path], at: now, accepting: [0, 64]), .step)
    }

    func size(_ relative: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: alerts.appendingPathComponent(relative).path)
        return (attributes?[.size] as? Int) ?? 0
    }

    /// Bytes of the journal: the single file and any segments beside it.
    var journalBytes: Int {
        let segments = alerts.appendingPathComponent("journal")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: segments.path)) ?? []
        return size("journal.jsonl") + names.reduce(0) { $0 + size("journal/" + $1) }
    }
}

/// One line of the table.
struct HistoryRow {
    static let marks: Set<Int> = [1, 7, 30, 90, 180, 365]
    static let header = "day   poll s (median, max)  poll CPU s  peak RSS MB   journal MB  checkpoint MB  open  alerts s  report 7d s"
    var line: String

    init(day: Int, polls: [ChildRun], answered: Int, history: HistoryRun, at now: Date) throws {
        let times = polls.map(\.seconds).sorted(), cpu = polls.map(\.cpuSeconds).sorted()
        let rss = polls.map(\.peakRSSKiB).max() ?? 0
        let alerts = try history.run(["alerts"], at: now)
        let open = alerts.output.split(separator: 0x0A).count
        let report = try history.run(["report", "--since", "7d"], at: now)
        let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
        line = String(
            format: "%3d   %6.2f  %6.2f    %10.2f        %7.1f   %10.1f  %13.2f  %4d  %8.3f  %11.3f", day, times[times.count / 2],
            times.last ?? 0, cpu[cpu.count / 2], Double(rss) / 1024, mb(history.journalBytes), mb(history.size("state/tasks-checkpoint.jsonl")),
            open, alerts.seconds, report.seconds)
    }
}
