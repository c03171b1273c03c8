import Foundation

/// A real child process the harness can signal at any moment (SIGKILL mid-write, SIGTERM mid-cycle), with its exit
/// status or killing signal, wall time and peak resident memory (VmHWM sampled from /proc while it runs).
///
/// Output goes to files, not pipes, so a killed child never leaves a reader blocked and a chatty one never stalls.
final class ChildProcess {
    struct Outcome {
        var status: Int32
        /// The signal that ended the process, when one did.
        var signal: Int32?
        var stdout: String
        var stderr: String
        var seconds: Double
        var peakRSSKiB: Int
        var timedOut: Bool

        var summary: String {
            let end = signal.map { "signal \($0)" } ?? "exit \(status)"
            return "\(end) after \(String(format: "%.2f", seconds))s, peak RSS \(peakRSSKiB) KiB\n"
                + "stdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(4000))"
        }
    }

    let label: String
    private let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL
    private var started = Date()
    private var peakRSSKiB = 0

    init(executable: URL, arguments: [String], environment: [String: String], directory: URL, logs: URL, label: String) {
        self.label = label
        stdoutURL = logs.appendingPathComponent("\(label).out")
        stderrURL = logs.appendingPathComponent("\(label).err")
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
    }

    /// The harness's own environment without the variables that would point a child at the developer's setup.
    static func baseEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["VIGIA_SMTP_URL", "VIGIA_FEEDS", "VIGIA_ALERTS", "VIGIA_HARNESS_FIGURES"] {
            environment.removeValue(forKey: name)
        }
        return environment
    }

    func start() throws {
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        started = Date()
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var elapsed: Double { Date().timeIntervalSince(started) }

    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// What the child has written to stdout so far.
    func currentStdout() -> String {
        String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
    }

    /// Sleeps in small steps, sampling memory, until `seconds` pass or the child exits.
    func sleep(_ seconds: Double) {
        let until = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < until {
            sampleMemory()
            usleep(10_000)
        }
    }

    /// Waits for the end; past `timeout` the child is killed and the outcome says it timed out.
    func wait(timeout: TimeInterval) -> Outcome {
        sleep(timeout)
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let signaled = process.terminationReason == .uncaughtSignal
        return Outcome(
            status: signaled ? -1 : process.terminationStatus, signal: signaled ? process.terminationStatus : nil,
            stdout: read(stdoutURL), stderr: read(stderrURL), seconds: seconds, peakRSSKiB: peakRSSKiB,
            timedOut: timedOut)
    }

    private func read(_ url: URL) -> String {
        String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }

    /// VmHWM is the kernel's own high-water mark, so sampling only has to happen once near the end to be exact up to
    /// that moment; sampling often keeps the last reading close to the exit.
    private func sampleMemory() {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return }
        let kib = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        peakRSSKiB = max(peakRSSKiB, kib)
    }
}
