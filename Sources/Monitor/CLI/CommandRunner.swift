import Foundation
import ReputationCore

/// Runs a parsed command. Each case is a few lines: the work lives in the pipeline and store types.
enum CommandRunner {
    static func run(_ command: Command, context: RunContext) throws -> Int32 {
        switch command {
        case .poll:
            return try poll(context)
        case .watch(let every):
            return try Watcher(context: context, every: every).run()
        case .score:
            let assessor = try Assessor(settings: try scoreSettings(context))
            _ = try ScoreCommand.run(
                input: .standardInput, output: context.terminal.output, errors: context.terminal.errors,
                assessor: assessor)
            return ExitCode.ok.rawValue
        case .check(let fetch):
            return try CheckRun(context: context, fetch: fetch).run()
        case .crisisReplay(let file, let explain):
            try CrisisReplayCommand.run(file: URL(fileURLWithPath: file), output: context.terminal.output,
                                        settings: try replaySettings(context), explain: explain)
            return ExitCode.ok.rawValue
        case .report(let since, let format, let out):
            let configuration = try context.loadConfiguration()
            return try ReportCommand.run(
                since: since, format: format.rawValue, out: out, alertsFolder: context.alertsFolder,
                settings: configuration.settings, now: context.currentTime(), terminal: context.terminal)
        case .alerts(let filter):
            return try TaskCommands.alerts(filter: filter, json: context.json, context: try taskContext(context))
        case .transition(let action, let ids, let from, let note, let by, let confirmed):
            let listed = try from.map { try TaskIDList.read($0, standardInput: .standardInput) } ?? []
            return try TaskCommands.transition(
                action, ids: ids + listed, note: note, by: by, confirmed: confirmed, context: try taskContext(context))
        case .escalate(let retryUncertain):
            return try TaskCommands.escalate(json: context.json, retryUncertain: retryUncertain, context: try taskContext(context))
        case .reply(let options):
            return try ReplyCommand.run(options, context: context)
        case .help, .version:
            return ExitCode.ok.rawValue
        }
    }

    /// The crisis settings a replay uses: the configuration's, or the live defaults when there is no feeds folder.
    /// A broken configuration is an error (exit 65), not a silent fallback: the replay must test what will run.
    private static func replaySettings(_ context: RunContext) throws -> CrisisSettings {
        do {
            return try context.loadConfiguration().settings.crisis
        } catch ConfigError.noFeedsFolder(_) {
            return .default
        }
    }

    /// The settings `score` assesses with (rules overlay, `languages`), so it reads posts as `poll` does: the bundled
    /// defaults when there is no feeds folder; a broken monitor.json is an error (exit 65), never a silent fallback
    /// to other languages. Feed files are not score's concern (their tokens need not be set to score a line).
    private static func scoreSettings(_ context: RunContext) throws -> MonitorSettings {
        do {
            let (configuration, problems) = try Configuration.loadAll(folder: context.feedsFolder, environment: context.environment)
            if let problem = problems.first(where: { $0.file?.hasSuffix(Configuration.settingsFile) == true }) { throw problem }
            return configuration.settings
        } catch ConfigError.noFeedsFolder(_) {
            return MonitorSettings()
        }
    }

    static func poll(_ context: RunContext) throws -> Int32 {
        var clock = PhaseClock(environment: context.environment, terminal: context.terminal)
        let configuration = try context.loadConfiguration()
        clock.mark("configuration")
        // The lexicons and cues load while the feeds are fetched: most cron polls find nothing new.
        let settings = configuration.settings
        let rules = Supply.load { try PollRules(settings: settings) }
        if let stated = context.fixedNow, stated.timeIntervalSinceNow > 86_400 {
            context.terminal.warn(
                "WARNING: --now \(ISOTime.format(stated)) is \(DurationText.describe(stated.timeIntervalSinceNow)) ahead of "
                    + "this machine's clock, and this poll writes to the live folder \(context.alertsFolder.path) as of then "
                    + "(run what-ifs on a copy of alerts/)")
        }
        var run = PollRun(configuration: configuration, rules: rules, context: context)
        run.clock = clock
        let summary = try run.run()
        print(summary, context: context)
        return summary.failed > 0 ? ExitCode.someFeedsFailed.rawValue : ExitCode.ok.rawValue
    }

    static func print(_ summary: PollSummary, context: RunContext) {
        if context.json, let data = try? JournalCoding.encoder.encode(summary) {
            context.terminal.say(String(decoding: data, as: UTF8.self))
        } else {
            context.terminal.say(summary.line)
        }
    }

    static func taskContext(_ context: RunContext) throws -> TaskCommandContext {
        let configuration = try context.loadConfiguration()
        return TaskCommandContext(
            alertsFolder: context.alertsFolder, feedsFolder: context.feedsFolder, settings: configuration.settings.tasks,
            now: context.currentTime(), environment: context.environment, output: context.terminal.output,
            errors: context.terminal.errors)
    }
}
