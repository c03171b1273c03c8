import Foundation

/// The report's inline SVG charts. They scale with the page (viewBox, width 100%) and carry a <title> and
/// aria-label so they read without sight; every label goes through `HTMLText.escape`.
enum ReportCharts {
    private static let negativeColor = "#c0392b"
    private static let otherColor = "#8fb3e0"
    private static let lineColor = "#1f2d3d"

    /// Mentions per day (negative part in red), the negative share as a line (right axis), crisis periods as bands.
    static func volume(_ days: [Report.DayVolume], crises: [Report.Crisis], now: Date) -> String {
        guard let first = days.first, let last = days.last else { return "" }
        let (width, height, left, right, top, bottom) = (560.0, 240.0, 34.0, 40.0, 16.0, 40.0)
        let plotW = width - left - right
        let plotH = height - top - bottom
        let band = plotW / Double(days.count)
        let peak = niceCeiling(days.map(\.total).max() ?? 0)
        let spanStart = first.start
        let spanEnd = last.start.addingTimeInterval(86_400)
        var svg = open(width, height, label: "Mentions per day with negative share and crisis periods")
        svg += axisLines(left: left, top: top, plotW: plotW, plotH: plotH)
        for crisis in crises {
            let from = max(crisis.startedAt, spanStart)
            let to = min(crisis.endedAt ?? now, spanEnd)
            guard to > from else { continue }
            let x0 = left + plotW * from.timeIntervalSince(spanStart) / spanEnd.timeIntervalSince(spanStart)
            let x1 = left + plotW * to.timeIntervalSince(spanStart) / spanEnd.timeIntervalSince(spanStart)
            svg += rect(
                x0, top, max(2, x1 - x0), plotH, fill: "rgba(192,57,43,0.14)",
                title: "\(crisis.highestLevel): \(crisis.summary)")
            svg += label(x0 + 2, top + 11, crisis.highestLevel, anchor: "start", size: 12, color: negativeColor)
        }
        var points: [String] = []
        let every = max(1, Int((Double(days.count) / 8).rounded(.up)))
        for (index, day) in days.enumerated() {
            let x = left + band * Double(index)
            let barW = band * 0.7
            let totalH = plotH * Double(day.total) / Double(peak)
            let negativeH = plotH * Double(day.negative) / Double(peak)
            let tip =
                "\(day.day): \(day.total) mentions, \(day.negative) negative (\(ViewNumber.percent(day.negativeShare)))"
            svg += rect(x + band * 0.15, top + plotH - totalH, barW, totalH - negativeH, fill: otherColor, title: tip)
            svg += rect(x + band * 0.15, top + plotH - negativeH, barW, negativeH, fill: negativeColor, title: tip)
            if day.total > 0 {
                points.append(format(x + band / 2) + "," + format(top + plotH - plotH * day.negativeShare / 100))
            }
            if index % every == 0 {
                svg += label(x + band / 2, height - bottom + 16, String(day.day.dropFirst(5)), size: 12)
            }
        }
        if points.count > 1 {
            svg +=
                "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" "
                + "stroke=\"\(lineColor)\" stroke-width=\"2\"/>"
        }
        for point in points { svg += circle(point) }
        svg += label(left - 6, top + 4, String(peak), anchor: "end", size: 12)
        svg += label(left - 6, top + plotH, "0", anchor: "end", size: 12)
        svg += label(width - right + 6, top + 4, "100%", anchor: "start", size: 12)
        svg += label(width - right + 6, top + plotH, "0%", anchor: "start", size: 12)
        svg += label(
            left, height - 4, "mentions (bars; red = negative) · line = negative share", anchor: "start", size: 12)
        return svg + "</svg>"
    }

    /// Complaint categories as horizontal bars.
    static func categories(_ categories: [Report.Category]) -> String {
        guard !categories.isEmpty else { return "" }
        let (width, row, left, right) = (560.0, 30.0, 130.0, 56.0)
        let height = row * Double(categories.count) + 10
        let peak = Double(categories.map(\.count).max() ?? 1)
        var svg = open(width, height, label: "Complaints per category")
        for (index, category) in categories.enumerated() {
            let y = 5 + row * Double(index)
            let barW = (width - left - right) * Double(category.count) / peak
            svg += label(left - 8, y + row / 2 + 4, category.id, anchor: "end", size: 13)
            svg += rect(
                left, y + 5, max(1, barW), row - 10, fill: negativeColor, title: "\(category.id): \(category.count)")
            svg += label(
                left + barW + 6, y + row / 2 + 4, "\(category.count) \(arrow(category.trend))", anchor: "start",
                size: 13)
        }
        return svg + "</svg>"
    }

    /// First-response times per priority as a share of the SLA (median bar, p90 tick); the 100% line is the SLA.
    static func responses(_ rows: [Report.Response]) -> String {
        let answered = rows.filter { $0.medianSeconds != nil }
        guard !answered.isEmpty else { return "" }
        let (width, row, left, right) = (560.0, 40.0, 84.0, 150.0)
        let height = row * Double(answered.count) + 30
        let plotW = width - left - right
        let cap = 3.0
        var svg = open(width, height, label: "First-response time per priority, as a share of the SLA")
        let slaX = left + plotW / cap
        for (index, response) in answered.enumerated() {
            let y = 8 + row * Double(index)
            let median = min(cap, (response.medianSeconds ?? 0) / max(response.slaSeconds, 1))
            let p90 = min(cap, (response.p90Seconds ?? 0) / max(response.slaSeconds, 1))
            let color = median <= 1 ? "#2e7d4f" : negativeColor
            svg += label(left - 8, y + row / 2 + 2, response.priority, anchor: "end", size: 13)
            svg += rect(
                left, y + 8, max(1, plotW * median / cap), row - 20, fill: color,
                title: "\(response.priority): median \(DurationText.describe(response.medianSeconds ?? 0))")
            let p90X = left + plotW * p90 / cap
            svg +=
                "<line x1=\"\(format(p90X))\" y1=\"\(format(y + 4))\" x2=\"\(format(p90X))\" "
                + "y2=\"\(format(y + row - 8))\" "
                + "stroke=\"\(lineColor)\" stroke-width=\"3\"/>"
            let text =
                "median \(DurationText.describe(response.medianSeconds ?? 0)) · "
                + "p90 \(DurationText.describe(response.p90Seconds ?? 0))"
            svg += label(width - right + 8, y + row / 2 + 2, text, anchor: "start", size: 12)
        }
        svg +=
            "<line x1=\"\(format(slaX))\" y1=\"4\" x2=\"\(format(slaX))\" y2=\"\(format(height - 24))\" "
            + "stroke=\"#555\" "
            + "stroke-dasharray=\"4 3\"/>"
        svg += label(slaX, height - 8, "SLA", size: 12)
        svg += label(left + plotW, height - 8, "≥3× SLA", anchor: "end", size: 12)
        return svg + "</svg>"
    }

    // MARK: - Pieces

    private static func open(_ width: Double, _ height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(format(width)) \(format(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>"
    }

    private static func axisLines(left: Double, top: Double, plotW: Double, plotH: Double) -> String {
        "<line x1=\"\(format(left))\" y1=\"\(format(top + plotH))\" x2=\"\(format(left + plotW))\" "
            + "y2=\"\(format(top + plotH))\" stroke=\"#999\"/>"
            + "<line x1=\"\(format(left))\" y1=\"\(format(top))\" x2=\"\(format(left + plotW))\" y2=\"\(format(top))\" "
            + "stroke=\"#e3e3e3\"/>"
    }

    private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String) -> String
    {
        guard h > 0, w > 0 else { return "" }
        return
            "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(w))\" height=\"\(format(h))\" "
            + "fill=\"\(fill)\">"
            + "<title>\(HTMLText.escape(title))</title></rect>"
    }

    private static func circle(_ point: String) -> String {
        let parts = point.split(separator: ",")
        return "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"3\" fill=\"\(lineColor)\"/>"
    }

    private static func label(
        _ x: Double, _ y: Double, _ text: String, anchor: String = "middle", size: Int, color: String = "#333"
    ) -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(color)\">"
            + "\(HTMLText.escape(text))</text>"
    }

    private static func arrow(_ trend: Report.Category.Trend) -> String {
        switch trend {
        case .rising: "▲"
        case .falling: "▼"
        case .steady: "–"
        }
    }

    /// A round axis top: 1, 2, 5 × 10ⁿ at or above the value.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 0 else { return 1 }
        var scale = 1
        while true {
            for step in [1, 2, 5] where step * scale >= value { return step * scale }
            scale *= 10
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
