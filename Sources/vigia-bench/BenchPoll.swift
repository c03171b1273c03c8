import Foundation

/// `vigia-bench poll [--count N] [--latency-ms MS] [--server PATH] [--vigia-parallel P[,P…]] [--rounds R]`
///
/// The issue's end-to-end polling target, side by side with the transfer floor: fixture_server.py serving N feeds
/// with MS latency; `vigia poll` (the release binary beside this one) over N feed files, then a repeat poll where
/// every feed answers 304, against `curl --parallel --parallel-max 50` fetching the same URLs. Each vigia setting
/// (transfers in total and for the one host) is measured in R rounds on a fresh alerts folder, and curl R times;
/// medians are reported, with the peak RSS of the vigia process and the items vigia counted next to what Python's
/// feedparser finds in the same bodies (when feedparser is installed).
///
/// Every response waits MS, 304 or not, so at curl's 50 transfers both sides need 1000 / 50 × 50 ms = 1 s of
/// round trips: no poller matches curl's full fetch with a repeat poll at equal parallelism. The default settings
/// are therefore 50 (curl's) and 100 (an operator's own aggregator host, where more transfers are fine).
func benchPoll(arguments: [String]) throws {
    var count = 1000, latency = 50, parallel = 50, settings = [50, 100], rounds = 3
    var script = SharedBench.url("feeds/fixture_server.py")
    var rest = arguments[...]
    while let option = rest.popFirst(), let value = rest.popFirst() {
        switch option {
        case "--count": count = Int(value) ?? count
        case "--latency-ms": latency = Int(value) ?? latency
        case "--server": script = URL(fileURLWithPath: value)
        case "--vigia-parallel": settings = value.split(separator: ",").compactMap { Int($0) }
        case "--rounds": rounds = max(1, Int(value) ?? rounds)
        default: throw TransportBenchError.badOption(option)
        }
    }
    let server = try BenchFixtureServer(script: script, count: count, latencyMS: latency)
    defer { server.stop() }
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bench-poll-\(getpid())")
    defer { try? FileManager.default.removeItem(at: workspace) }
    let urls = (0..<count).map { URL(string: "\(server.baseURL)/feed/\($0)")! }
    let vigia = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vigia")
    print("poll: \(count) feeds on one loopback host, \(latency) ms latency, medians of \(rounds); \(vigia.path)")
    let curl = try (0..<rounds).map { _ in try runCurl(urls: urls, etags: nil, parallelMax: parallel) }
        .sorted { $0.seconds < $1.seconds }[rounds / 2]
    row("curl --parallel --parallel-max \(parallel)", curl.seconds, curl.summary)
    var ratios: [String] = []
    var firstSummary = ""
    for setting in settings {
        let feeds = workspace.appendingPathComponent("feeds-\(setting)")
        try writeFeeds(urls, parallel: setting, to: feeds)
        var firsts: [PollMeasure] = [], repeats: [PollMeasure] = []
        for round in 0..<rounds {
            let alerts = workspace.appendingPathComponent("alerts-\(setting)-\(round)")
            firsts.append(try runVigia(vigia, feeds: feeds, alerts: alerts, now: "2026-11-23T10:00:00Z"))
            repeats.append(try runVigia(vigia, feeds: feeds, alerts: alerts, now: "2026-11-23T10:05:00Z"))
            try? FileManager.default.removeItem(at: alerts)
        }
        let first = median(firsts), repeatPoll = median(repeats)
        let label = setting == parallel ? "\(setting) transfers (curl's)" : "\(setting) transfers"
        row("vigia poll, \(label), first", first.seconds, "peak RSS \(first.peakRSSMB) MB; \(first.summary)")
        row("vigia poll, \(label), repeat (304)", repeatPoll.seconds, "peak RSS \(repeatPoll.peakRSSMB) MB; \(repeatPoll.summary)")
        ratios.append(String(format: "at %d: first %.2f, repeat %.2f", setting, first.seconds / curl.seconds,
                             repeatPoll.seconds / curl.seconds))
        firstSummary = first.summary
    }
    print("  ratios to curl (targets: first ≤ 2, repeat < 1): " + ratios.joined(separator: "; "))
    if let parsed = feedparserItems(urls: urls) {
        let items = (try? JSONSerialization.jsonObject(with: Data(firstSummary.utf8)) as? [String: Any])?["items"] as? Int ?? 0
        print(String(format: "  items: vigia %d, feedparser %d (%.1f%% apart)", items, parsed,
                     100 * abs(Double(items - parsed)) / Double(max(parsed, 1))))
    }
}

/// One feed file per URL, and a monitor.json giving `parallel` transfers in total and for the one loopback host
/// (the shipped defaults, 32 total and 4 per host, are for many real hosts).
private func writeFeeds(_ urls: [URL], parallel: Int, to feeds: URL) throws {
    try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
    try #"{"polling": {"max_concurrent": \#(parallel), "max_per_host": \#(parallel)}}"#
        .write(to: feeds.appendingPathComponent("monitor.json"), atomically: true, encoding: .utf8)
    for (index, url) in urls.enumerated() {
        try #"{"id": "f\#(index)", "url": "\#(url.absoluteString)", "interval": "1m"}"#
            .write(to: feeds.appendingPathComponent("f\(index).feed.json"), atomically: true, encoding: .utf8)
    }
}

private func median(_ measures: [PollMeasure]) -> PollMeasure {
    measures.sorted { $0.seconds < $1.seconds }[measures.count / 2]
}

enum PollBenchError: Error, CustomStringConvertible {
    case vigiaFailed(status: Int32)

    var description: String {
        switch self {
        case .vigiaFailed(let status):
            "poll bench: vigia exited \(status) (65: the generated configuration was refused, e.g. a parallelism over 256)"
        }
    }
}

private struct PollMeasure {
    var seconds: Double
    var peakRSSMB: Int
    var summary: String
}

private func runVigia(_ vigia: URL, feeds: URL, alerts: URL, now: String) throws -> PollMeasure {
    let run = try TimedProcess.run(vigia, ["--feeds", feeds.path, "--alerts", alerts.path, "--now", now, "--json", "poll"])
    // 0 ok, 1 some feeds failed (still a measured run); anything else means there is nothing to compare.
    guard run.status == 0 || run.status == 1 else { throw PollBenchError.vigiaFailed(status: run.status) }
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)  // ru_maxrss: the largest child so far, in KiB
    let summary = String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return PollMeasure(seconds: run.seconds, peakRSSMB: Int(usage.ru_maxrss) / 1024, summary: summary)
}

/// Items Python's feedparser finds in the same bodies, or nil when it is not installed.
private func feedparserItems(urls: [URL]) -> Int? {
    let code = """
        import sys, urllib.request, feedparser
        total = 0
        for url in sys.stdin.read().split():
            total += len(feedparser.parse(urllib.request.urlopen(url).read()).entries)
        print(total)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    input.fileHandleForWriting.write(Data(urls.map(\.absoluteString).joined(separator: "\n").utf8))
    input.fileHandleForWriting.closeFile()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

private func row(_ label: String, _ seconds: Double, _ detail: String) {
    print("  " + label.padding(toLength: 50, withPad: " ", startingAt: 0) + String(format: "%8.3f s  ", seconds) + detail)
}
