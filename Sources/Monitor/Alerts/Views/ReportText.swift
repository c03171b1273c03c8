import Foundation
import ReputationCore

/// The report for a terminal: short sections, aligned columns, times in the configured zone.
struct ReportText {
    var report: Report

    func render() -> String {
        let zone = TimeZone(identifier: report.timeZone) ?? .gmt
        var lines = [
            "Vigía report\(report.brand.isEmpty ? "" : " — " + report.brand)",
            "\(ViewTime.local(report.windowStart, in: zone)) → \(ViewTime.local(report.generatedAt, in: zone)), "
                + "\(report.mentions) mentions",
        ]
        lines +=
            section("Volume per day (total / negative)")
            + report.days.map {
                "  \($0.day)  \(pad($0.total, 5)) / \(pad($0.negative, 4))  "
                    + "\(ViewNumber.percent($0.negativeShare)) negative"
            }
        lines +=
            section("Volume per channel")
            + report.channels.map {
                "  \($0.channel.padding(toLength: 14, withPad: " ", startingAt: 0)) \(pad($0.total, 5))  "
                    + "(\($0.negative) negative)"
            }
        lines += sentiment()
        lines += intents()
        lines += categories()
        lines += crises(zone)
        lines += responses()
        lines += people()
        lines += tasks()
        lines += estimates()
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String) -> [String] { ["", title] }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func intents() -> [String] {
        section("Intent (mentions / tasks / answered)") + report.intents.map {
            "  \($0.intent.padding(toLength: 10, withPad: " ", startingAt: 0)) \(pad($0.mentions, 5)) / "
                + "\(pad($0.tasks, 4)) / \(pad($0.answered, 4))"
        }
    }

    private func sentiment() -> [String] {
        let split = report.sentiment
        let net = split.netScore.map { ($0 > 0 ? "+" : "") + String($0) } ?? "n/a (no mentions)"
        return section("Sentiment") + [
            "  positive \(split.positive), neutral \(split.neutral), negative \(split.negative)",
            "  net sentiment \(net)  ((positive − negative) / total × 100, −100…100)",
        ]
    }

    private func categories() -> [String] {
        var lines = section("Top complaint categories")
        if report.categories.isEmpty { lines.append("  none") }
        for category in report.categories {
            lines.append(
                "  \(category.id): \(category.count) (\(category.trend.rawValue): "
                    + "\(category.earlierHalf) → \(category.laterHalf) between window halves)")
            lines += category.examples.map { "    “\(oneLine($0.text))” — \(oneLine($0.author)), \($0.channel)" }
        }
        return lines
    }

    private func crises(_ zone: TimeZone) -> [String] {
        var lines = section("Crises")
        if report.crises.isEmpty { lines.append("  none") }
        for crisis in report.crises {
            let end = crisis.endedAt.map { "ended " + ViewTime.local($0, in: zone) } ?? "ongoing"
            lines.append("  \(crisis.highestLevel): \(oneLine(crisis.summary)) — \(end), task \(crisis.taskID)")
            lines += crisis.timeline.map {
                "    \(ViewTime.local($0.at, in: zone))  \($0.level)" + ($0.note.map { "  " + oneLine($0) } ?? "")
            }
        }
        return lines
    }

    private func responses() -> [String] {
        var lines = section("First response and SLA per priority") + ["  (\(report.responseTimeBasis))"]
        if report.responses.isEmpty { lines.append("  no tasks filed in the window") }
        for row in report.responses {
            let median = row.medianSeconds.map(DurationText.describe) ?? "–"
            let p90 = row.p90Seconds.map(DurationText.describe) ?? "–"
            let compliance = row.compliance.map(ViewNumber.percent) ?? "nothing due yet,"
            lines.append(
                "  \(row.priority.padding(toLength: 10, withPad: " ", startingAt: 0)) tasks \(row.tasks), "
                    + "answered \(row.responded), median \(median), p90 \(p90), "
                    + "SLA \(DurationText.describe(row.slaSeconds)): "
                    + "\(compliance) in time (\(row.withinSLA) in time, \(row.breached) late); "
                    + "\(row.fromReplies) from replies sent through Vigía, \(row.fromAcknowledgements) from acknowledgements")
        }
        return lines
    }

    private func people() -> [String] {
        var lines = section("People (replies sent / first responses: median, p90, within SLA / closed on confirmation)")
        if report.people.isEmpty { lines.append("  nobody answered in the window") }
        for row in report.people {
            let median = row.medianSeconds.map(DurationText.describe) ?? "–"
            let p90 = row.p90Seconds.map(DurationText.describe) ?? "–"
            let share = row.withinSLAShare.map(ViewNumber.percent) ?? "–"
            let outside = row.outsideVigia > 0 ? " (\(row.outsideVigia) answered outside Vigía)" : ""
            lines.append(
                "  \(oneLine(row.person).padding(toLength: 14, withPad: " ", startingAt: 0)) replies \(row.repliesSent), "
                    + "first responses \(row.firstResponses)\(outside): median \(median), p90 \(p90), "
                    + "\(share) within SLA; closed on confirmation \(row.closedConfirmed)")
        }
        return lines
    }

    private func tasks() -> [String] {
        let counts = report.tasks
        return section("Tasks") + [
            "  open \(counts.open), overdue \(counts.overdue), resolved \(counts.resolved), "
                + "closed with the customer's confirmation \(counts.closedConfirmed)",
            "  deletions: \(report.deletions) — Vigía answers criticism; it never deletes, hides or blocks posts",
        ]
    }

    private func estimates() -> [String] {
        let estimates = report.estimates
        return section("Estimates (customer-service research, not measurements)") + [
            "  silent complainers ≈ \(ViewNumber.grouped(estimates.silentComplainers)) "
                + "(\(estimates.visibleComplaints) visible complaints × \(Report.Estimates.silentPerComplaint))",
            "  word-of-mouth reach ≈ \(ViewNumber.grouped(estimates.wordOfMouthReach)) "
                + "(\(estimates.unhappyAuthors) unhappy × \(Report.Estimates.toldByUnhappy) + "
                + "\(estimates.happyAuthors) happy × \(Report.Estimates.toldByHappy))",
        ]
    }

    /// Post text on one terminal line: newlines and control characters (escape sequences) removed.
    private func oneLine(_ text: String) -> String { SafeText.line(text) }
}
