import Foundation
import ReputationCore

/// `vigia report [--since 7d] [--format text|json|html] [--out FILE]`: the report over the window ending now,
/// printed or written atomically to FILE.
package enum ReportCommand {
    package static func run(
        since: TimeInterval, format: String, out: String?, alertsFolder: URL, settings: MonitorSettings, now: Date,
        terminal: Terminal
    ) throws -> Int32 {
        guard since > 0, since.isFinite else {
            terminal.warn("report: --since must be a positive duration such as 7d or 12h")
            return ExitCode.usage.rawValue
        }
        let input = try ReportSources.read(alertsFolder: alertsFolder, since: since, settings: settings, now: now)
        let report = Report.build(input)
        let rendered: String
        switch format {
        case "text": rendered = ReportText(report: report).render()
        case "json": rendered = try ReportJSON.render(report)
        case "html": rendered = ReportHTML(report: report, openTasks: input.history.open(now: now)).render()
        default:
            terminal.warn("report: unknown format \"\(format)\" (use text, json or html)")
            return ExitCode.usage.rawValue
        }
        guard let out else {
            terminal.say(rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered)
            return ExitCode.ok.rawValue
        }
        let url =
            out.hasPrefix("/")
            ? URL(fileURLWithPath: out)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(out)
        try AtomicFile.write(Data(rendered.utf8), to: url)
        terminal.warn("report written to \(url.path)")
        return ExitCode.ok.rawValue
    }
}
