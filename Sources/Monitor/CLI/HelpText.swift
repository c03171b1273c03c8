/// Help generated from `CommandSpec.all`, so it can never disagree with the parser.
package enum HelpText {
    package static func overview() -> String {
        var lines = [
            "vigia — hear every complaint about your brand, answer it fast, in the same channel, never delete it.",
            "",
            "usage: vigia [--feeds DIR] [--alerts DIR] [--now ISO-8601] [--json] COMMAND [options]",
            "",
            "commands:",
        ]
        for spec in CommandSpec.all {
            lines.append("  " + pad(spec.name, 10) + spec.summary)
        }
        lines += ["", "global options:"] + CommandSpec.globalOptions.map(optionLine)
        lines += [
            "",
            "exit codes: 0 ok, 1 some feeds failed, 64 usage, 65 bad configuration or data, 70 internal,",
            "            75 another run holds the lock (try again later).",
            "Run 'vigia COMMAND --help' for a command's options.",
        ]
        return lines.joined(separator: "\n")
    }

    package static func command(_ spec: CommandSpec) -> String {
        var lines = ["usage: vigia [global options] \(spec.name) \(spec.arguments)".trimmingCharacters(in: .whitespaces), "", spec.summary]
        if !spec.details.isEmpty { lines += ["", spec.details] }
        if !spec.options.isEmpty { lines += ["", "options:"] + spec.options.map(optionLine) }
        lines += ["", "global options:"] + CommandSpec.globalOptions.map(optionLine)
        return lines.joined(separator: "\n")
    }

    private static func optionLine(_ option: CommandSpec.Option) -> String {
        "  " + pad("--\(option.name)" + (option.value.map { " \($0)" } ?? ""), 22) + option.help
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
