/// The one table that describes the command line: parsing, validation and help all come from it.
package struct CommandSpec: Sendable {
    package struct Option: Sendable {
        package var name: String
        /// Placeholder of the value ("DIR", "TEXT"); `nil` for a flag.
        package var value: String?
        package var help: String
    }

    package var name: String
    package var arguments: String
    package var summary: String
    package var options: [Option]
    /// How many positional arguments it takes.
    package var positionals: ClosedRange<Int>
    package var details: String

    package static let globalOptions: [Option] = [
        Option(name: "feeds", value: "DIR", help: "configuration folder (default ./feeds, env VIGIA_FEEDS)"),
        Option(name: "alerts", value: "DIR", help: "output folder (default ./alerts, env VIGIA_ALERTS)"),
        Option(name: "now", value: "ISO-8601", help: "use this time instead of the clock (replays, tests, what-if)"),
        Option(name: "json", value: nil, help: "machine-readable output"),
        Option(name: "help", value: nil, help: "show help (also -h)"),
        Option(name: "version", value: nil, help: "print the version"),
    ]

    package static let all: [CommandSpec] = [
        CommandSpec(
            name: "poll", arguments: "", summary: "one cycle over the feeds that are due",
            options: [], positionals: 0...0,
            details: """
                Fetch → decode → dedupe → score → detect crises → file tasks → escalate → regenerate alerts/OPEN.md
                and alerts/report.html. Meant for cron or a systemd timer. Exit 1 when some feeds failed, 75 when
                another run holds the lock.
                """),
        CommandSpec(
            name: "watch", arguments: "", summary: "poll repeatedly until SIGTERM/SIGINT",
            options: [Option(name: "every", value: "DURATION", help: "time between cycles (default 1m)")],
            positionals: 0...0, details: "Finishes the step in progress before exiting on SIGTERM or SIGINT."),
        CommandSpec(
            name: "score", arguments: "", summary: "score posts from stdin (JSON Lines or plain text)",
            options: [], positionals: 0...0,
            details: """
                Reads {"id","text"[,"lang"]} lines (or plain text lines) and writes {"id","label","score","lang",
                "terms",...} lines, streaming.
                """),
        CommandSpec(
            name: "alerts", arguments: "", summary: "open response tasks, most urgent first",
            options: [
                Option(name: "all", value: nil, help: "include acknowledged, resolved and closed tasks"),
                Option(name: "overdue", value: nil, help: "only tasks past their deadline"),
            ], positionals: 0...0, details: "With --json, one JSON object per line."),
        CommandSpec(
            name: "ack", arguments: "ID…", summary: "the customer was answered and told the steps",
            options: noteOptions, positionals: 0...Int.max, details: manyIDs),
        CommandSpec(
            name: "resolve", arguments: "ID…", summary: "a solution was given (or a solution deadline stated)",
            options: noteOptions, positionals: 0...Int.max, details: manyIDs),
        CommandSpec(
            name: "close", arguments: "ID… --confirmed", summary: "close a task once the customer confirmed",
            options: noteOptions + [Option(name: "confirmed", value: nil, help: "the customer confirmed (required)")],
            positionals: 0...Int.max, details: "A task is closed only when the customer confirms the solution. " + manyIDs),
        CommandSpec(
            name: "reopen", arguments: "ID…", summary: "reopen a task (the customer wrote again)",
            options: noteOptions, positionals: 0...Int.max, details: manyIDs),
        CommandSpec(
            name: "note", arguments: "ID… --note TEXT", summary: "add a note to a task's history",
            options: noteOptions, positionals: 0...Int.max, details: manyIDs),
        CommandSpec(
            name: "escalate", arguments: "", summary: "run the escalation step alone (also part of poll)",
            options: [
                Option(
                    name: "retry-uncertain", value: nil,
                    help: "resend notifications whose delivery was interrupted (same Message-ID; may arrive twice)")
            ], positionals: 0...0,
            details: """
                Queues due notifications and delivers the outbox. A send interrupted by a crash is marked uncertain and
                not resent unless you ask with --retry-uncertain.
                """),
        CommandSpec(
            name: "check", arguments: "", summary: "validate feeds/ and say what is wrong and where",
            options: [Option(name: "fetch", value: nil, help: "also fetch each feed once and decode it")],
            positionals: 0...0, details: "With --json, one line per feed: {\"id\",\"status\",\"format\",\"items\",\"error\"}."),
        CommandSpec(
            name: "report", arguments: "", summary: "volume, sentiment, complaints, crises and response times",
            options: [
                Option(name: "since", value: "DURATION", help: "period to cover (default 7d)"),
                Option(name: "format", value: "text|json|html", help: "output format (default text)"),
                Option(name: "out", value: "FILE", help: "write to FILE instead of stdout"),
            ], positionals: 0...0, details: ""),
        CommandSpec(
            name: "reply", arguments: "ID [--text TEXT | --variant N] [--private] [--send] [--by NAME] | --recover",
            summary: "answer a task's post in its own channel",
            options: [
                Option(name: "text", value: "TEXT", help: "the reply to send instead of the suggestion"),
                Option(name: "variant", value: "N", help: "the suggestion worded with variant N (1, 2, …)"),
                Option(name: "private", value: nil, help: "a private message instead of a public reply"),
                Option(name: "send", value: nil, help: "post it (without: preview only, nothing is sent)"),
                Option(name: "by", value: "NAME", help: "who answers (default $USER)"),
                Option(name: "recover", value: nil,
                       help: "look on the network for replies interrupted by a crash and record them"),
            ], positionals: 0...1,
            details: """
                Without --send: the reply, the channel, the account, the post it answers and the length against the
                channel's limit; nothing is sent. With --send: journals reply_intent, posts it through the network
                (Mastodon, Reddit, …), journals replied with the new post's id and URL and acknowledges the task; a
                reply already sent is never posted twice, and one interrupted by a crash is looked for on the network
                first. A post that exposed private data gets the private message by default. Too long: exit 65, never
                cut. Channels without a write API (feeds, Hacker News, App Store, mail) keep copy-and-paste (exit 69).
                """),
        CommandSpec(
            name: "crisis", arguments: "replay FILE.csv", summary: "replay a volume history through the crisis detector",
            options: [Option(name: "explain", value: nil,
                             help: "print one row per alert: level, window, count, expected count, chance")],
            positionals: 2...2,
            details: "Reads timestamp,value rows and prints timestamp,alert rows (1 = an incident opens: an episode's "
                + "first warning or crisis) with the settings of feeds/monitor.json (live defaults without one). "
                + "--explain prints every warning and crisis, escalations too, with the expected count and the "
                + "Poisson chance of at least that many mentions."),
    ]

    static let noteOptions: [Option] = [
        Option(name: "from", value: "FILE", help: "also the ids in FILE, one a line (- reads stdin)"),
        Option(name: "note", value: "TEXT", help: "what was done or said"),
        Option(name: "by", value: "NAME", help: "who did it (default $USER)"),
    ]

    static let manyIDs = """
        Several ids (or --from FILE) are one step under the run lock: each task gets its own event, all appended
        together; an unknown id or a step refused for a task's state is reported by id and the others still proceed
        (exit 64 if any was refused). A task named twice is recorded once.
        """

    package static func named(_ name: String) -> CommandSpec? { all.first { $0.name == name } }
}
