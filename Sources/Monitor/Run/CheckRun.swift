import Foundation
import ReputationCore

/// `vigia check [--fetch]`: validate feeds/ and say what is wrong and where; with `--fetch`, try each feed once
/// (ignoring schedules and validators) and report the detected format and item count; a source kind signs in
/// and fetches one page of each of its streams. A source waiting for its rate limit says until when (and is not
/// fetched: the server asked us to wait).
struct CheckRun {
    var context: RunContext
    var fetch: Bool

    struct Line: Encodable {
        var id: String
        var status: String
        var format: String?
        var items: Int?
        var error: String?

        /// All five keys on every line (null when not known), as scripts expect of the contract.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(status, forKey: .status)
            try container.encode(format, forKey: .format)
            try container.encode(items, forKey: .items)
            try container.encode(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case id, status, format, items, error }
    }

    func run() throws -> Int32 {
        let (configuration, problems) = try Configuration.loadAll(folder: context.feedsFolder, environment: context.environment)
        var lines: [Line] = problems.map { Line(id: Self.feedID(of: $0), status: "invalid", error: $0.description) }
        let now = context.currentTime()
        let waits = waitingSources(configuration, now: now)
        lines += waits.map { Line(id: $0.key, status: "waiting", format: $0.value.kind, error: $0.value.reason) }
        let feeds = configuration.feeds.filter { waits[$0.id] == nil }
        if fetch {
            var poller = FeedPoller(limits: configuration.settings.transferLimits, environment: context.environment)
            poller.stateFolder = context.alertsFolder.appendingPathComponent("state")
            poller.now = now
            poller.checkOnly = true
            let outcomes = poller.poll(feeds, states: [:])
            for outcome in outcomes {
                let failed = outcome.status == .failed
                lines.append(
                    Line(
                        id: outcome.feed.id, status: failed ? "failed" : "ok",
                        format: outcome.format?.rawValue ?? outcome.feed.source?.name,
                        items: failed ? nil : outcome.items.count,
                        error: outcome.error ?? (outcome.problems.isEmpty ? nil : outcome.problems.joined(separator: "; "))))
            }
            if let dispute = clockDispute(outcomes, now: now) { lines.append(Line(id: "clock", status: "failed", error: dispute)) }
        } else {
            lines += feeds.map { Line(id: $0.id, status: "ok", format: $0.source?.name ?? $0.format.rawValue) }
        }
        lines.forEach(show)
        if !problems.isEmpty { return ExitCode.dataError.rawValue }
        return lines.contains { $0.status == "failed" } ? ExitCode.someFeedsFailed.rawValue : ExitCode.ok.rawValue
    }

    /// What a poll would refuse to run on: this machine's clock disputed by every server that answered (`MachineClockCheck`).
    private func clockDispute(_ outcomes: [FeedOutcome], now: Date) -> String? {
        guard context.fixedNow == nil else { return nil }
        let dispute = MachineClockCheck.judge(now: now, readings: outcomes.flatMap(\.serverClocks), slack: PollRun.clockSlack)
        return dispute.map { "\($0); `vigia poll` does nothing on it (exit 75)" }
    }

    /// Source feeds whose rate-limit budget is spent, from the last poll's state (read only; none if unreadable).
    private func waitingSources(_ configuration: Configuration, now: Date) -> [String: (kind: String, reason: String)] {
        let url = context.alertsFolder.appendingPathComponent("state").appendingPathComponent("poll-state.json")
        guard let state = try? PollState.load(from: url, crisisSettings: configuration.settings.crisis) else { return [:] }
        var waits: [String: (kind: String, reason: String)] = [:]
        for feed in configuration.feeds {
            guard let source = feed.source, let until = state.feeds[feed.id]?.waitingUntil, until > now else { continue }
            waits[feed.id] = (source.name, "rate limit spent; waits until \(ISOTime.format(until)) before its next request")
        }
        return waits
    }

    private func show(_ line: Line) {
        if context.json {
            let data = (try? JournalCoding.encoder.encode(line)) ?? Data()
            context.terminal.say(String(decoding: data, as: UTF8.self))
            return
        }
        var text = "\(line.status.padding(toLength: 8, withPad: " ", startingAt: 0)) \(line.id)"
        if let format = line.format { text += "  \(format)" }
        if let items = line.items { text += "  \(items) items" }
        if let error = line.error { text += "\n         \(error)" }
        (line.status == "ok" || line.status == "waiting" ? context.terminal.say : context.terminal.warn)(text)
    }

    /// The feed id a configuration error is about (its file name), or "monitor" for the settings file.
    static func feedID(of error: ConfigError) -> String {
        let file: String
        switch error {
        case let .unreadable(f, _), let .malformedJSON(f, _), let .invalid(f, _, _, _), let .missing(f, _, _),
            let .unknownKey(f, _, _), let .missingEnvironment(f, _, _), let .forbiddenAction(f, _, _):
            file = f
        case let .duplicateFeed(id, _): return id
        case let .noFeedsFolder(path): file = path
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        return name.hasSuffix(Configuration.feedSuffix) ? String(name.dropLast(Configuration.feedSuffix.count)) : "monitor"
    }
}
