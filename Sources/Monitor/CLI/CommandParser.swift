import Foundation
import ReputationCore

/// Second pass: tokens → `Invocation`, validated against `CommandSpec.all`.
package enum CommandParser {
    package static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var global = GlobalOptions()
        var commandName: String?
        var values: [String: String] = [:]
        var positionals: [String] = []
        var wantsHelp = false
        var tokens = ArgumentTokens(arguments).tokens[...]

        while let token = tokens.popFirst() {
            switch token {
            case let .positional(word):
                if commandName == nil { commandName = try resolve(word) } else { positionals.append(word) }
            case let .option(name, attached):
                if name == "help" { wantsHelp = true; continue }
                if name == "version" { return Invocation(global: global, command: .version) }
                let spec = CommandSpec.globalOptions.first { $0.name == name }
                    ?? commandName.flatMap(CommandSpec.named)?.options.first { $0.name == name }
                guard let spec else { throw unknownOption(name, command: commandName) }
                guard spec.value != nil else {
                    guard attached == nil else { throw UsageError("--\(name) takes no value", command: commandName) }
                    values[name] = "true"
                    continue
                }
                if let attached {
                    values[name] = attached
                } else if case let .positional(next)? = tokens.first {
                    tokens.removeFirst()
                    values[name] = next
                } else {
                    throw UsageError("--\(name) needs a value (\(spec.value!))", command: commandName)
                }
            }
        }
        global.feeds = values.removeValue(forKey: "feeds")
        global.alerts = values.removeValue(forKey: "alerts")
        global.json = values.removeValue(forKey: "json") != nil
        if let now = values.removeValue(forKey: "now") {
            guard let date = ISOTime.parse(now) else {
                throw UsageError("--now '\(now)' is not an ISO-8601 time (e.g. 2026-11-23T10:00:00Z)", command: commandName)
            }
            global.now = date
        }
        if wantsHelp { return Invocation(global: global, command: .help(command: commandName)) }
        guard let commandName, let spec = CommandSpec.named(commandName) else {
            throw UsageError("no command given")
        }
        guard spec.positionals.contains(positionals.count) else {
            throw UsageError("usage: vigia \(spec.name) \(spec.arguments)".trimmingCharacters(in: .whitespaces), command: spec.name)
        }
        return Invocation(global: global, command: try command(spec, values: values, positionals: positionals))
    }

    private static func resolve(_ word: String) throws(UsageError) -> String {
        if CommandSpec.named(word) != nil { return word }
        if word == "help" { return "help" }
        // A typo of a real command ("reports") gets "did you mean"; a removal word gets the refusal and why.
        let suggestion = Suggestion.nearest(to: word, among: CommandSpec.all.map(\.name))
        if suggestion == nil || NoDeletionPolicy.commandWords.contains(word.lowercased()),
            let refusal = TaskCommands.refusal(forCommand: word)
        {
            throw UsageError(refusal + ". Use 'vigia ack', 'resolve', 'close --confirmed' or 'note'.")
        }
        throw UsageError("unknown command '\(word)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
    }

    private static func unknownOption(_ name: String, command: String?) -> UsageError {
        if let refusal = TaskCommands.refusal(forCommand: name) {
            return UsageError("there is no --\(name): " + refusal, command: command)
        }
        let candidates = CommandSpec.globalOptions.map(\.name) + (command.flatMap(CommandSpec.named)?.options.map(\.name) ?? [])
        let suggestion = Suggestion.nearest(to: name, among: candidates)
        return UsageError("unknown option --\(name)" + (suggestion.map { " (did you mean --\($0)?)" } ?? ""), command: command)
    }

    private static func command(_ spec: CommandSpec, values: [String: String], positionals: [String]) throws(UsageError) -> Command {
        switch spec.name {
        case "poll": return .poll
        case "score": return .score
        case "escalate": return .escalate(retryUncertain: values["retry-uncertain"] != nil)
        case "check": return .check(fetch: values["fetch"] != nil)
        case "watch":
            let every = try duration(values["every"] ?? "1m", option: "every", in: 1...86_400, command: spec.name)
            return .watch(every: every)
        case "alerts":
            if values["all"] != nil, values["overdue"] != nil {
                throw UsageError("choose one of --all and --overdue", command: spec.name)
            }
            return .alerts(values["all"] != nil ? .all : values["overdue"] != nil ? .overdue : .open)
        case "report":
            let since = try duration(values["since"] ?? "7d", option: "since", in: 1...3650 * 86_400, command: spec.name)
            guard let format = Command.ReportFormat(rawValue: values["format"] ?? "text") else {
                throw UsageError("--format must be text, json or html", command: spec.name)
            }
            return .report(since: since, format: format, out: values["out"])
        case "reply":
            return .reply(try ReplyOptions(values: values, positionals: positionals))
        case "crisis":
            guard positionals[0] == "replay" else {
                throw UsageError("unknown crisis command '\(positionals[0])' (try 'vigia crisis replay FILE.csv')", command: "crisis")
            }
            return .crisisReplay(file: positionals[1], explain: values["explain"] != nil)
        default:
            let transition = Command.Transition(rawValue: spec.name)!
            if transition == .close, values["confirmed"] == nil {
                throw UsageError(
                    "a task is closed only when the customer confirmed: add --confirmed (or use 'resolve')", command: "close")
            }
            if transition == .note, values["note"] == nil { throw UsageError("note needs --note TEXT", command: "note") }
            guard !positionals.isEmpty || values["from"] != nil else {
                throw UsageError("usage: vigia \(spec.name) \(spec.arguments) (give at least one id, or --from FILE)", command: spec.name)
            }
            return .transition(
                transition, ids: positionals, from: values["from"], note: values["note"], by: values["by"],
                confirmed: values["confirmed"] != nil)
        }
    }

    /// Options are bounded like settings: "--since 1e300" is refused naming the range (exit 65, as the same value
    /// in a settings file), not a trap later.
    private static func duration(
        _ text: String, option: String, in range: ClosedRange<TimeInterval>, command: String
    ) throws(UsageError) -> TimeInterval {
        guard let seconds = DurationText.seconds(parsing: text) else {
            throw UsageError("--\(option) '\(text)' is not a duration (e.g. 30s, 5m, 1h, 7d)", command: command)
        }
        guard range.contains(seconds) else {
            throw UsageError("--\(option) '\(text)' is out of range: from \(DurationText.describe(range: range))",
                             command: command, exitCode: .dataError)
        }
        return seconds
    }
}
