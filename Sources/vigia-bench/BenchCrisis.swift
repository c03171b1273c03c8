import Foundation
import Monitor
import ReputationCore

/// `vigia-bench crisis [--dev DIR] [--passes N]`
///
/// Prints the detector's replay speed in buckets/s over the five DEV files (detection alone, one core, median
/// of N passes), the wall time of `vigia crisis replay` per file (read CSV, detect, write CSV; target: well under
/// a second for 16k rows), and the live path's buckets/s (record every mention in three scopes, advance).
func benchCrisis(arguments: [String]) throws {
    let options = BenchCrisisOptions(arguments)
    let files = try FileManager.default.contentsOfDirectory(atPath: options.devFolder.path)
        .filter { $0.hasPrefix("Twitter_volume_") && $0.hasSuffix(".csv") }.sorted()
        .map { options.devFolder.appendingPathComponent($0) }
    guard !files.isEmpty else { throw BenchCrisisError.noData(folder: options.devFolder.path) }
    let series = try files.map(readSeries)
    let buckets = series.map(\.count).reduce(0, +)
    print("crisis: \(files.count) DEV files, \(buckets) buckets")

    let replayRate = crisisMedian((0..<options.passes).map { _ in
        let start = DispatchTime.now()
        let alerts = series.map { CrisisDetector.replay($0, settings: .default).filter { $0 }.count }
        precondition(alerts.reduce(0, +) > 0)
        return Double(buckets) / crisisSeconds(since: start)
    })
    print("crisis: replay detection \(Int(replayRate)) buckets/s")

    let sink = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
    for file in files {
        let wall = try crisisMedian((0..<options.passes).map { _ in
            let start = DispatchTime.now()
            try CrisisReplayCommand.run(file: file, output: sink, settings: .default)
            return crisisSeconds(since: start)
        })
        let rows = series[files.firstIndex(of: file) ?? 0].count
        print("crisis: vigia crisis replay \(file.lastPathComponent) (\(rows) rows) "
            + "\(String(format: "%.1f", wall * 1000)) ms (target well under 1000 ms)")
    }
    let live = liveRate(series[0])
    print("crisis: live record+advance \(Int(live.buckets)) buckets/s, \(Int(live.mentions)) mentions/s "
        + "(3 scopes, \(series[0].count) buckets)")
}

/// The live path: every mention recorded in three scopes, then one `advance` per bucket.
private func liveRate(_ series: [(time: Date, count: Int)]) -> (buckets: Double, mentions: Double) {
    var detector = CrisisDetector(settings: .default)
    let scopes: [Crisis.Scope] = [.brand(), .channel("twitter"), .category("late_delivery")]
    var mentions = 0
    let start = DispatchTime.now()
    for row in series {
        for mention in 0..<row.count {
            detector.record(at: row.time.addingTimeInterval(Double(mention % 290)), scopes: scopes,
                            negative: mention % 5 == 0, authorReach: nil)
        }
        mentions += row.count
        _ = detector.advance(to: row.time.addingTimeInterval(300))
    }
    let elapsed = crisisSeconds(since: start)
    return (Double(series.count) / elapsed, Double(mentions) / elapsed)
}

private func readSeries(_ file: URL) throws -> [(time: Date, count: Int)] {
    let text = try String(contentsOf: file, encoding: .utf8)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return try text.split(separator: "\n").dropFirst().enumerated().map { offset, line in
        let fields = line.split(separator: ",")
        guard fields.count == 2, let time = formatter.date(from: String(fields[0])), let count = Int(fields[1])
        else { throw BenchCrisisError.badRow(file: file.path, line: offset + 2) }
        return (time, count)
    }
}

private enum BenchCrisisError: Error, CustomStringConvertible {
    case noData(folder: String)
    case badRow(file: String, line: Int)

    var description: String {
        switch self {
        case .noData(let folder): "\(folder): no Twitter_volume_*.csv files (pass --dev DIR)"
        case .badRow(let file, let line): "\(file):\(line): expected timestamp,value"
        }
    }
}

private struct BenchCrisisOptions {
    var devFolder: URL
    var passes = 5

    init(_ arguments: [String]) {
        devFolder = SharedBench.url("crisis")
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--dev": if let value { devFolder = URL(fileURLWithPath: value) }
            case "--passes": if let value, let number = Int(value), number > 0 { passes = number }
            default: break
            }
            index += 2
        }
    }
}

private func crisisSeconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

private func crisisMedian(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
