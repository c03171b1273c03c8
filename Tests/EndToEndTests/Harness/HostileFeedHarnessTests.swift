import Foundation
import XCTest

/// Hostile feeds (issue 8): every file of ../shared/bench/feeds/hostile/ and seeded mutations of corpus files, each
/// through every decoder (one feed per format over the same file) by `check --fetch` and `poll`: no crash, no
/// internal error, under 5 s per file, memory bounded (peak RSS reported).
final class HostileFeedHarnessTests: XCTestCase {
    private let formats = ["auto", "rss", "atom", "rdf", "jsonfeed", "mastodon", "bluesky", "reddit", "hn", "json"]
    private let secondsPerFile = 5.0
    private let rssBoundKiB = 768 * 1024

    func testEveryHostileFileThroughEveryDecoder() throws {
        let hostile = try HarnessEnvironment.requireBench().appendingPathComponent("hostile")
        let names = try FileManager.default.contentsOfDirectory(atPath: hostile.path).filter { !$0.hasSuffix(".py") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 30)
        var stats = Stats()
        for name in names {
            try check(file: hostile.appendingPathComponent(name), label: name, commands: [["check", "--fetch", "--json"], ["poll"]], stats: &stats)
        }
        HarnessEnvironment.report("hostile-feeds: files=\(names.count) \(stats.line)")
    }

    func testMutatedCorpusFilesThroughEveryDecoder() throws {
        let corpus = try HarnessEnvironment.requireBench()
        let picks = [
            "rss/rsparser__allthis.atom", "atom/rsparser__DaringFireball.rss", "rdf", "jsonfeed", "mastodon", "bluesky",
            "reddit", "hn",
        ]
        var random = HarnessRandom(seed: HarnessRandom.seed)
        let mutations = HarnessEnvironment.isFull ? 12 : 3
        let scratch = try HarnessWorkspace("mutations")
        defer { scratch.remove() }
        var stats = Stats()
        var files = 0
        for pick in picks {
            let source = try firstFile(pick, in: corpus)
            let original = try Data(contentsOf: source)
            for round in 0..<mutations {
                let mutated = scratch.logs.appendingPathComponent("m\(round)-\(source.lastPathComponent)")
                try ByteMutation.apply(to: original, random: &random, count: 1 + round % 4).write(to: mutated)
                try check(file: mutated, label: "\(source.lastPathComponent) mutation \(round)", commands: [["poll"]], stats: &stats)
                files += 1
            }
        }
        HarnessEnvironment.report("mutated-feeds: files=\(files) seed=\(HarnessRandom.seed) \(stats.line)")
    }

    // MARK: -

    private struct Stats {
        var runs = 0
        var slowest = 0.0
        var peakRSSKiB = 0
        var slowestFile = ""

        var line: String {
            "runs=\(runs) slowest_s=\(String(format: "%.2f", slowest)) (\(slowestFile)) peak_rss_kib=\(peakRSSKiB)"
        }
    }

    private func check(file: URL, label: String, commands: [[String]], stats: inout Stats) throws {
        let workspace = try HarnessWorkspace("hostile")
        let url = try workspace.addSample(file, as: "input.bin")
        for format in formats {
            var extra: [String: Any] = [:]
            if format == "json" { extra["mapping"] = ["items": "/items", "text": "/text", "id": "/id"] }
            try workspace.writeFeed(id: "as-\(format)", url: url, format: format, extra: extra)
        }
        var clock = HarnessClock()
        for command in commands {
            let outcome = try workspace.run(["--json", "--now", clock.next()] + command, timeout: 60)
            stats.runs += 1
            stats.peakRSSKiB = max(stats.peakRSSKiB, outcome.peakRSSKiB)
            if outcome.seconds > stats.slowest { (stats.slowest, stats.slowestFile) = (outcome.seconds, label) }
            let what = "\(label) via \(command.joined(separator: " "))"
            XCTAssertNil(outcome.signal, "\(what) crashed: \(outcome.summary)")
            XCTAssertTrue([0, 1].contains(outcome.status), "\(what): \(outcome.summary)")
            XCTAssertLessThan(outcome.seconds, secondsPerFile, "\(what) too slow: \(outcome.summary)")
            XCTAssertLessThan(outcome.peakRSSKiB, rssBoundKiB, "\(what) memory: \(outcome.summary)")
            XCTAssertFalse(outcome.stderr.contains("root:x:0:0") || outcome.stdout.contains("root:x:0:0"), "\(what): XXE read a file")
        }
        XCTAssertEqual(AlertsAudit(workspace.alerts).violations, [], label)
        if testRun?.hasSucceeded == true { workspace.remove() }
    }

    /// The named corpus file, or the first file of a corpus folder.
    private func firstFile(_ pick: String, in corpus: URL) throws -> URL {
        let url = corpus.appendingPathComponent(pick)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw HarnessFailure("no \(url.path)") }
        guard isFolder.boolValue else { return url }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        guard let first = names.first else { throw HarnessFailure("\(url.path) is empty") }
        return url.appendingPathComponent(first)
    }
}
