import Foundation
import XCTest
@testable import ReputationCore

/// Offline replay (`vigia crisis replay`): same detector, one flag per row; and the DEV benchmark targets.
final class CrisisReplayTests: XCTestCase {
    private func rows(_ counts: [Int]) -> [(time: Date, count: Int)] {
        counts.enumerated().map { (SyntheticVolume.time($0.offset), $0.element) }
    }

    func testReplayFlagsTheSpikeRowOnlyAndMatchesTheLiveDetector() {
        var counts = SyntheticVolume(base: 20, seed: 41).counts(days: 7)
        let spike = 5 * SyntheticVolume.perDay + 150
        for index in spike..<(spike + 3) { counts[index] = 180 }
        let flags = CrisisDetector.replay(rows(counts), settings: .default)

        XCTAssertEqual(flags.count, counts.count)
        XCTAssertEqual(flags.indices.filter { flags[$0] }, [spike])
        var live = CrisisDriver()
        live.scopes = [.brand()]
        live.run(counts)
        XCTAssertEqual(live.alerts().map(\.index), flags.indices.filter { flags[$0] })
    }

    /// A surge that warns and then escalates to crisis is one incident: one flag, at the warning, while the
    /// events (what `--explain` prints and the live poll files) keep both.
    func testAnEscalatingEpisodeIsOneIncidentFlaggedAtItsFirstAlert() {
        var counts = SyntheticVolume(base: 20, seed: 43).counts(days: 7)
        let surge = 5 * SyntheticVolume.perDay + 150
        for (offset, count) in [60, 60, 60, 400, 400].enumerated() { counts[surge + offset] = count }
        let series = rows(counts)
        let alerts = CrisisDetector.replayEvents(series, settings: .default).filter(\.event.isAlert)
        let flags = CrisisDetector.replay(series, settings: .default)

        XCTAssertEqual(alerts.map(\.event.level), [.warning, .crisis], "\(alerts.map(\.event.explanation))")
        XCTAssertEqual(alerts.last?.event.kind, .escalated)
        XCTAssertEqual(flags.indices.filter { flags[$0] }, [alerts[0].row])
    }

    func testReplayIsStreamingAFlagNeverDependsOnLaterRows() {
        var counts = SyntheticVolume(base: 5, seed: 42).counts(days: 4)
        counts[3 * SyntheticVolume.perDay] = 90
        let full = CrisisDetector.replay(rows(counts), settings: .default)
        let cut = 3 * SyntheticVolume.perDay + 1
        XCTAssertEqual(CrisisDetector.replay(rows(Array(counts[..<cut])), settings: .default), Array(full[..<cut]))
        XCTAssertTrue(full[3 * SyntheticVolume.perDay])
    }

    /// Runs tools/crisis/eval.sh, which compiles the replay command with the detector, replays the five DEV
    /// files (checking the output format against the data row by row) and scores them with NAB's scorer.
    func testDevScoresMeetTheTargets() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../..").standardizedFileURL
        let bench = root.appendingPathComponent("../shared/bench/crisis").standardizedFileURL
        let script = root.appendingPathComponent("tools/crisis/eval.sh")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: bench.appendingPathComponent("nab_score.py").path),
                          "shared/bench/crisis is absent")
        guard which("python3") != nil, which("swiftc") != nil else { throw XCTSkip("python3 or swiftc not on PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["BENCH": bench.path]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)

        let scores = Self.scores(in: output)
        // The defaults serve a small shop too (chosen leave-one-series-out over the DEV series as they are and
        // thinned to 10% and 2%, `vigia-bench crisis-loso`): as they are, DEV scores 77.8 / 67.6, one flag per
        // incident (the round-1 defaults, fitted to these files alone, 78.5 / 68.6).
        XCTAssertGreaterThanOrEqual(scores["nab_standard"] ?? 0, 77, output)
        XCTAssertGreaterThanOrEqual(scores["nab_low_fp"] ?? 0, 67, output)
    }

    static func scores(in output: String) -> [String: Double] {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("nab_standard=") }) else {
            return [:]
        }
        var scores: [String: Double] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { scores[String(parts[0])] = value }
        }
        return scores
    }

    private func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}
