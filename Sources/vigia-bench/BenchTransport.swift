import CurlTransport
import Foundation

/// `vigia-bench transport [--count N] [--latency-ms MS] [--server PATH] [--parallel-max P]`
///
/// Launches fixture_server.py (--formats rss,atom --count N --latency-ms MS), then times:
/// FeedFetcher fetching all N feeds with default limits and with limits matched to curl's parallelism,
/// the same again with If-None-Match (all 304), and `curl --parallel --parallel-max P` for both.
func benchTransport(arguments: [String]) throws {
    let options = try TransportBenchOptions(arguments)
    let server = try BenchFixtureServer(
        script: options.serverScript, count: options.count, latencyMS: options.latencyMS)
    defer { server.stop() }
    let urls = (0..<options.count).map { URL(string: "\(server.baseURL)/feed/\($0)")! }
    print("transport: \(options.count) feeds, \(options.latencyMS) ms server latency, \(CurlGlobal.libraryVersion)")

    let matched = TransferLimits(maxConcurrent: options.parallelMax, maxPerHost: options.parallelMax)
    var etags: [String?] = []
    let runs = [("defaults (32 total, 4/host)", TransferLimits()), ("matched (\(options.parallelMax)/host)", matched)]
    for (label, limits) in runs {
        let fetcher = FeedFetcher(limits: limits)
        let (plain, plainSeconds) = timed { fetcher.fetchAll(urls.map { HTTPRequest(url: $0) }) }
        etags = plain.map { try? $0.get().headers["etag"] }
        let conditional = zip(urls, etags).map { url, etag in
            HTTPRequest(url: url, headers: etag.map { [("If-None-Match", $0)] } ?? [])
        }
        let (revalidated, conditionalSeconds) = timed { fetcher.fetchAll(conditional) }
        report("FeedFetcher \(label)", seconds: plainSeconds, statuses: plain)
        report("FeedFetcher \(label) conditional", seconds: conditionalSeconds, statuses: revalidated)
    }
    let curlPlain = try runCurl(urls: urls, etags: nil, parallelMax: options.parallelMax)
    printRow("curl --parallel-max \(options.parallelMax)", curlPlain.seconds, curlPlain.summary)
    let curlConditional = try runCurl(urls: urls, etags: etags, parallelMax: options.parallelMax)
    printRow("curl --parallel-max \(options.parallelMax) conditional", curlConditional.seconds, curlConditional.summary)
}

func timed<T>(_ work: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = work()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

private func report(_ label: String, seconds: Double, statuses: [Result<HTTPResponse, TransportError>]) {
    var counts: [String: Int] = [:]
    for result in statuses {
        switch result {
        case .success(let response): counts["\(response.status)", default: 0] += 1
        case .failure: counts["error", default: 0] += 1
        }
    }
    let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
    printRow(label, seconds, summary)
}

private func printRow(_ label: String, _ seconds: Double, _ summary: String) {
    print(
        "  " + label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%8.3f s  ", seconds) + summary
    )
}

/// Runs curl over a config file of the URLs (each to /dev/null), optionally with per-URL If-None-Match.
func runCurl(urls: [URL], etags: [String?]?, parallelMax: Int) throws -> (seconds: Double, summary: String) {
    func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    var config = ""
    for (index, url) in urls.enumerated() {
        if index > 0 { config += "next\n" }
        config += "url = \(quoted(url.absoluteString))\noutput = \"/dev/null\"\nwrite-out = \"%{http_code}\\n\"\n"
        if let etag = etags?[index] { config += "header = \(quoted("If-None-Match: \(etag)"))\n" }
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bench-curl-\(getpid()).cfg")
    try config.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let curl = try TimedProcess.run(
        URL(fileURLWithPath: "/usr/bin/env"), ["curl", "--silent", "--parallel", "--parallel-max", "\(parallelMax)", "-K", file.path])
    guard curl.status == 0 else { throw TransportBenchError.curlFailed(status: curl.status) }
    var counts: [String: Int] = [:]
    for code in String(decoding: curl.output, as: UTF8.self).split(separator: "\n") { counts[String(code), default: 0] += 1 }
    return (curl.seconds, counts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " "))
}

enum TransportBenchError: Error, CustomStringConvertible {
    case badOption(String)
    case serverMissing(path: String)
    case serverDidNotStart(path: String)
    case curlFailed(status: Int32)

    var description: String {
        switch self {
        case .badOption(let option): "transport bench: bad or incomplete option '\(option)'"
        case .serverMissing(let path): "transport bench: fixture server not found at \(path) (use --server PATH)"
        case .serverDidNotStart(let path): "transport bench: \(path) did not print LISTENING"
        case .curlFailed(let status): "transport bench: curl exited with status \(status)"
        }
    }
}

private struct TransportBenchOptions {
    var count = 1000
    var latencyMS = 50
    var parallelMax = 50
    /// Default: <package root>/../shared/bench/feeds/fixture_server.py, from this file's path.
    var serverScript = SharedBench.url("feeds/fixture_server.py")

    init(_ arguments: [String]) throws(TransportBenchError) {
        var rest = arguments.drop { $0 == "transport" }[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw .badOption(option) }
            switch option {
            case "--count": count = try Self.number(value, option)
            case "--latency-ms": latencyMS = try Self.number(value, option)
            case "--parallel-max": parallelMax = try Self.number(value, option)
            case "--server": serverScript = URL(fileURLWithPath: value)
            default: throw .badOption(option)
            }
        }
        guard FileManager.default.fileExists(atPath: serverScript.path) else {
            throw .serverMissing(path: serverScript.path)
        }
    }

    private static func number(_ text: String, _ option: String) throws(TransportBenchError) -> Int {
        guard let value = Int(text), value > 0 else { throw .badOption("\(option) \(text)") }
        return value
    }
}

/// fixture_server.py as a subprocess on a free loopback port, stopped with SIGTERM.
final class BenchFixtureServer {
    let baseURL: String
    private let process = Process()

    init(script: URL, count: Int, latencyMS: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--formats", "rss,atom", "--count", "\(count)",
            "--latency-ms", "\(latencyMS)", "--port", "0",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        var found: String?
        while found == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            found = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
                .first { $0.hasPrefix("LISTENING ") }.map { String($0.split(separator: " ")[1]) }
        }
        guard let found else {
            process.terminate()
            throw TransportBenchError.serverDidNotStart(path: script.path)
        }
        baseURL = found
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
