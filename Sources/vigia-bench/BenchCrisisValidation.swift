import Foundation
import ReputationCore

/// `vigia-bench crisis-loso [--dev DIR] [--seeds N] [--quick] [--settings JSON [--search]] [--grid "key=v,v;key=v,v"]
///     [--keep 1,0.1,0.02]`
///
/// Leave-one-series-out validation of the crisis detector's settings on the DEV series, as they are and binomially
/// thinned to 10% and 2% of their mentions (each mention kept with probability p; N seeds, default 3). For each
/// series: choose settings on the other four (the grid point whose neighbourhood scores best, so a flat region
/// wins over a lone peak), score the fifth with NAB's rules (standard and low-FP profiles, as `nab_score.py`).
/// Also prints the shipped defaults on every series, and the grid point the five together would choose.
/// `--settings '{"warning_score": 5}'` scores those settings (over the defaults) instead of searching a grid, or
/// with `--search` searches the usual grid over them (so a structural change is validated with its bars chosen);
/// `--grid "baseline_half_life_hours=72,168,336;warning_score=5,6"` searches that grid (over `--settings`).
/// `--keep 1,0.3,0.05` scores other volumes than the three (an unseen series may lie between them).
func benchCrisisValidation(arguments: [String]) throws {
    let options = LOSOOptions(arguments)
    let data = try DevSeries.load(folder: options.devFolder)
    let base = try options.settings.map { try JSONDecoder().decode(CrisisSettings.self, from: Data($0.utf8)) }
        ?? .default
    var grid = SettingsGrid(quick: options.quick, over: base)
    if let spec = options.grid {
        grid = try SettingsGrid(spec: spec, over: options.settings ?? "{}")
    } else if options.settings != nil, !options.search {
        grid = SettingsGrid(single: base)
    }
    print("crisis-loso: \(data.count) DEV series, \(grid.points.count) grid points, thinning seeds \(options.seeds)")
    var totals: [[NABScore]] = []
    var tables: [[[NABScore]]] = []
    for keep in options.keep {
        let seeds = keep < 1 ? Array(1...UInt64(options.seeds)) : [0]
        let variants = data.map { series in seeds.map { series.thinned(keep: keep, seed: $0) } }
        let table = grid.points.map { settings in
            variants.indices.map { index in NABScore.sum(variants[index], windows: data[index].windows, settings) }
        }
        let defaults = variants.indices.map { NABScore.sum(variants[$0], windows: data[$0].windows, base) }
        report(keep: keep, data: data, grid: grid, table: table, defaults: defaults)
        totals.append(table.map { $0.reduce(NABScore(), +) })
        tables.append(table)
    }
    if grid.points.count > 1 { reportAcrossVolumes(data: data, grid: grid, tables: tables, keep: options.keep) }
    // One set of defaults serves every volume: the flattest point of the three volumes' standard scores summed.
    let summed = grid.points.indices.map { point in
        NABScore(standardRaw: totals.map { $0[point].standard }.reduce(0, +) * 2 / 100 - 1, windows: 1)
    }
    let choice = grid.flattest(summed)
    let figures = totals.map { "\(format($0[choice].standard)) / \(format($0[choice].lowFP))" }
    print("\nchosen on all five over the three volumes: \(grid.describe(choice)) -> "
        + figures.joined(separator: ", ") + " (" + options.keep.map(volumeName).joined(separator: ", ") + ")")
}

private func report(keep: Double, data: [DevSeries], grid: SettingsGrid, table: [[NABScore]],
                    defaults: [NABScore]) {
    print("\n== \(volumeName(keep))")
    print("series | chosen on the other four | LOSO standard | LOSO low-FP | defaults standard | defaults low-FP "
        + "(defaults: the shipped ones, or --settings)")
    var held = NABScore()
    var shipped = NABScore()
    for index in data.indices {
        let others = data.indices.filter { $0 != index }
        let choice = grid.flattest(table.map { row in others.reduce(NABScore()) { $0 + row[$1] } })
        let score = table[choice][index]
        held = held + score
        shipped = shipped + defaults[index]
        print("\(data[index].name) | \(grid.describe(choice)) | \(format(score.standard)) | \(format(score.lowFP)) | "
            + "\(format(defaults[index].standard)) | \(format(defaults[index].lowFP))")
    }
    print("all | | \(format(held.standard)) | \(format(held.lowFP)) | \(format(shipped.standard)) | "
        + "\(format(shipped.lowFP))")
    if grid.points.count > 1, grid.points.count <= 32 {
        // A small grid is printed whole, so the flatness of the region chosen can be seen per series.
        print("grid point | " + data.map(\.name).joined(separator: " | ") + " | all (standard / low-FP)")
        for (point, row) in table.enumerated() {
            let total = row.reduce(NABScore(), +)
            print(grid.describe(point) + " | " + row.map { "\(format($0.standard))/\(format($0.lowFP))" }
                .joined(separator: " | ") + " | \(format(total.standard)) / \(format(total.lowFP))")
        }
    }
    let all = grid.flattest(table.map { $0.reduce(NABScore(), +) })
    let allScore = table[all].reduce(NABScore(), +)
    print("chosen on all five: \(grid.describe(all)) -> \(format(allScore.standard)) / \(format(allScore.lowFP))")
}

/// Leave-one-series-out over the volumes at once: for each series, the settings chosen on the other four at every
/// volume together (as they are, 10% and 2% unless `--keep` says; one shipped setting serves every volume), scored
/// on it at each volume.
private func reportAcrossVolumes(data: [DevSeries], grid: SettingsGrid, tables: [[[NABScore]]], keep: [Double]) {
    print("\n== leave-one-series-out over the volumes at once")
    print("series | chosen on the other four at every volume | " + keep.map(volumeName).joined(separator: " | ")
        + " (standard / low-FP)")
    var held = [NABScore](repeating: NABScore(), count: tables.count)
    for index in data.indices {
        let others = data.indices.filter { $0 != index }
        let choice = grid.flattest(grid.points.indices.map { point in
            tables.reduce(NABScore()) { sum, table in others.reduce(sum) { $0 + table[point][$1] } }
        })
        let scores = tables.map { $0[choice][index] }
        held = zip(held, scores).map { $0 + $1 }
        print("\(data[index].name) | \(grid.describe(choice)) | "
            + scores.map { "\(format($0.standard)) / \(format($0.lowFP))" }.joined(separator: " | "))
    }
    print("all | | " + held.map { "\(format($0.standard)) / \(format($0.lowFP))" }.joined(separator: " | "))
}

private func format(_ value: Double) -> String { String(format: "%.1f", value) }

/// "as is" for the series itself, "10%" or "0.5%" for a thinned copy.
private func volumeName(_ keep: Double) -> String { keep >= 1 ? "as is" : String(format: "%g%%", keep * 100) }

/// NAB v1.1 scoring of binary alerts (a port of `nab_score.py`): raw scores and scored windows, summed over files
/// and seeds, normalised on demand (0: no alerts, 100: every window caught at its left edge, no false alarm).
struct NABScore {
    var standardRaw = 0.0
    var lowFPRaw = 0.0
    var windows = 0

    var standard: Double { windows == 0 ? 0 : 100 * (standardRaw + Double(windows)) / Double(2 * windows) }
    var lowFP: Double { windows == 0 ? 0 : 100 * (lowFPRaw + Double(windows)) / Double(2 * windows) }

    static func + (lhs: NABScore, rhs: NABScore) -> NABScore {
        NABScore(standardRaw: lhs.standardRaw + rhs.standardRaw, lowFPRaw: lhs.lowFPRaw + rhs.lowFPRaw,
                 windows: lhs.windows + rhs.windows)
    }

    /// Replays every variant (seed) of one series with `settings` and sums their scores.
    static func sum(_ variants: [[(time: Date, count: Int)]], windows: [ClosedRange<Int>], _ settings: CrisisSettings)
        -> NABScore
    {
        variants.reduce(NABScore()) { total, rows in
            let alerts = CrisisDetector.replay(rows, settings: settings)
            return total + NABScore(alerts: alerts, windows: windows)
        }
    }

    init(standardRaw: Double = 0, lowFPRaw: Double = 0, windows: Int = 0) {
        self.standardRaw = standardRaw
        self.lowFPRaw = lowFPRaw
        self.windows = windows
    }

    init(alerts: [Bool], windows: [ClosedRange<Int>]) {
        let probation = min(Int((0.15 * Double(alerts.count)).rounded(.down)), 750)
        var best: [Int: Double] = [:]
        var falseAlarms = 0.0
        var previous: ClosedRange<Int>?
        var next = 0
        for row in probation..<alerts.count where alerts[row] {
            while next < windows.count, windows[next].upperBound < row {
                previous = windows[next]
                next += 1
            }
            if let window = windows.firstIndex(where: { $0.contains(row) }) {
                let range = windows[window]
                let y = -Double(range.upperBound - row + 1) / Double(range.count)
                best[window] = max(best[window] ?? -.infinity, Self.scaled(y) / Self.scaled(-1))
            } else if let previous {
                falseAlarms += Self.scaled(Double(row - previous.upperBound) / Double(previous.count - 1))
            } else {
                falseAlarms -= 1
            }
        }
        let scored = windows.indices.filter { windows[$0].upperBound >= probation }
        let caught = scored.reduce(0.0) { $0 + (best[$1] ?? -1) }
        self.init(standardRaw: caught + 0.11 * falseAlarms, lowFPRaw: caught + 0.22 * falseAlarms,
                  windows: scored.count)
    }

    /// 2 sigmoid(-5y) - 1, and -1 beyond y > 3.
    private static func scaled(_ y: Double) -> Double { y > 3 ? -1 : 2 / (1 + exp(5 * y)) - 1 }
}

/// One DEV file: its rows and its labelled windows (as row ranges).
struct DevSeries {
    var name: String
    var rows: [(time: Date, count: Int)]
    var windows: [ClosedRange<Int>]

    static func load(folder: URL) throws -> [DevSeries] {
        let labels = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("labels_windows.json"))) as? [String: [[String]]] ?? [:]
        return try labels.keys.sorted().map { key in
            let file = folder.appendingPathComponent((key as NSString).lastPathComponent)
            let text = try String(contentsOf: file, encoding: .utf8)
            var stamps: [String: Int] = [:]
            var rows: [(time: Date, count: Int)] = []
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",")
                guard fields.count == 2, let count = Int(fields[1]) else { continue }
                stamps[String(fields[0])] = rows.count
                rows.append((DevSeries.date(String(fields[0])), count))
            }
            let windows = try (labels[key] ?? []).map { pair -> ClosedRange<Int> in
                guard pair.count == 2, let start = stamps[String(pair[0].prefix(19))],
                      let end = stamps[String(pair[1].prefix(19))], start <= end
                else { throw LOSOError.badWindow(file: key) }
                return start...end
            }
            let name = file.deletingPathExtension().lastPathComponent.replacingOccurrences(of: "Twitter_volume_", with: "")
            return DevSeries(name: name, rows: rows, windows: windows)
        }
    }

    private static func date(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// Binomial thinning: each mention kept with probability `keep` (seeded, so runs repeat).
    func thinned(keep: Double, seed: UInt64) -> [(time: Date, count: Int)] {
        guard keep < 1 else { return rows }
        var random = BenchRandom(seed: seed &* 0x9E37_79B9 &+ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        return rows.map { row in (row.time, (0..<row.count).reduce(0) { kept, _ in kept + (random.uniform() < keep ? 1 : 0) }) }
    }
}

/// SplitMix64, seeded.
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

/// The settings searched: a few values of the knobs that matter, around the defaults. Each point knows its
/// neighbours (one step along one knob), so a choice can prefer a flat region.
struct SettingsGrid {
    struct Knob {
        var name: String
        var values: [Double]
        var apply: (inout CrisisSettings, Double) -> Void
    }

    var knobs: [Knob]
    var points: [CrisisSettings] = []
    var coordinates: [[Int]] = []

    /// A grid of one point: the given settings.
    init(single settings: CrisisSettings) {
        knobs = []
        points = [settings]
        coordinates = [[]]
    }

    /// A grid over any settings keys, `"key=v1,v2;key2=v1,v2"`, each point decoded as monitor.json would be (over
    /// the `base` JSON object, so every bound applies).
    init(spec: String, over base: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any] ?? [:]
        knobs = try spec.split(separator: ";").map { part in
            let pair = part.split(separator: "=", maxSplits: 1)
            let values = pair.count == 2 ? pair[1].split(separator: ",").compactMap { Double($0) } : []
            guard pair.count == 2, !values.isEmpty else { throw LOSOError.badGrid(spec: String(part)) }
            return Knob(name: String(pair[0]), values: values) { _, _ in }
        }
        let knobs = knobs
        try enumerate { coordinate in
            var point = object
            for (knob, index) in zip(knobs, coordinate) {
                // `window_buckets.N` replaces the Nth window (from 0) of the base's windows, or the defaults'.
                if knob.name.hasPrefix("window_buckets."), let slot = Int(knob.name.dropFirst("window_buckets.".count)) {
                    var windows = (point["window_buckets"] as? [Double]) ?? CrisisSettings.default.windowBuckets.map(Double.init)
                    guard windows.indices.contains(slot) else { throw LOSOError.badGrid(spec: knob.name) }
                    windows[slot] = knob.values[index]
                    point["window_buckets"] = windows
                } else {
                    point[knob.name] = knob.values[index]
                }
            }
            return try JSONDecoder().decode(CrisisSettings.self, from: JSONSerialization.data(withJSONObject: point))
        }
    }

    /// The usual grid, over `base` (the defaults, or `--settings` with `--search`).
    init(quick: Bool, over base: CrisisSettings) {
        knobs = [
            Knob(name: "warning_score", values: [5, 6, 7]) { $0.warningScore = $1 },
            Knob(name: "usual_high_margin", values: [1, 2, 3]) { $0.usualHighMargin = $1 },
            Knob(name: "warning_odds", values: [1e5, 1e6, 1e7]) {
                $0.warningOdds = $1
                $0.crisisOdds = $1 * 1000
            },
            Knob(name: "quiet_mentions", values: quick ? [0, 1] : [0, 0.5, 2]) { $0.quietMentions = $1 },
            Knob(name: "minimum_volume", values: quick ? [4] : [3, 4, 6]) { $0.minimumVolume = Int($1) },
        ]
        let knobs = knobs
        enumerate { coordinate in
            var settings = base
            for (knob, index) in zip(knobs, coordinate) { knob.apply(&settings, knob.values[index]) }
            return settings
        }
    }

    /// Every combination of the knobs' values, in order.
    private mutating func enumerate(_ point: ([Int]) throws -> CrisisSettings) rethrows {
        var coordinate = [Int](repeating: 0, count: knobs.count)
        while true {
            points.append(try point(coordinate))
            coordinates.append(coordinate)
            var position = knobs.count - 1
            while position >= 0 {
                coordinate[position] += 1
                if coordinate[position] < knobs[position].values.count { break }
                coordinate[position] = 0
                position -= 1
            }
            if position < 0 { break }
        }
    }

    /// The point whose own score averaged with its neighbours' is highest (standard profile).
    func flattest(_ scores: [NABScore]) -> Int {
        let smoothed = coordinates.indices.map { index -> Double in
            let near = coordinates.indices.filter { other in
                zip(coordinates[index], coordinates[other]).map { abs($0 - $1) }.reduce(0, +) <= 1
            }
            return near.map { scores[$0].standard }.reduce(0, +) / Double(near.count)
        }
        return smoothed.indices.max { smoothed[$0] < smoothed[$1] } ?? 0
    }

    func describe(_ index: Int) -> String {
        zip(knobs, coordinates[index]).map { knob, value in
            let number = knob.values[value]
            return "\(knob.name)=" + (number >= 1000 ? String(format: "%.0e", number) : String(format: "%g", number))
        }.joined(separator: " ")
    }
}

private enum LOSOError: Error, CustomStringConvertible {
    case badWindow(file: String)
    case badGrid(spec: String)

    var description: String {
        switch self {
        case .badWindow(let file): "\(file): a labelled window does not match the data's timestamps"
        case .badGrid(let spec): "--grid: \(spec): expected key=value,value,... (keys as in monitor.json's crisis)"
        }
    }
}

private struct LOSOOptions {
    var devFolder: URL
    var seeds = 3
    var quick = false
    var settings: String?
    var grid: String?
    /// With `--settings`: search the usual grid over them instead of scoring them alone.
    var search = false
    /// The fractions of mentions kept: 1 is the series as it is.
    var keep = [1.0, 0.1, 0.02]

    init(_ arguments: [String]) {
        devFolder = SharedBench.url("crisis")
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--dev": if let value { devFolder = URL(fileURLWithPath: value) }; index += 1
            case "--seeds": if let value, let number = Int(value), number > 0 { seeds = number }; index += 1
            case "--quick": quick = true
            case "--search": search = true
            case "--settings": settings = value; index += 1
            case "--grid": grid = value; index += 1
            case "--keep":
                let fractions = (value ?? "").split(separator: ",").compactMap { Double($0) }
                if !fractions.isEmpty, fractions.allSatisfy({ $0 > 0 && $0 <= 1 }) { keep = fractions }
                index += 1
            default: break
            }
            index += 1
        }
    }
}
