import Foundation
import XCTest

/// A python3 server on 127.0.0.1 (the bench's fixture_server.py, or one of tools/harness/*.py), started as a real
/// process; its first stdout line is "LISTENING <url or port>".
final class LoopbackServer {
    let child: ChildProcess
    /// The word after "LISTENING": a base URL for the HTTP servers, a port for the SMTP sink.
    let address: String

    private init(child: ChildProcess, address: String) {
        self.child = child
        self.address = address
    }

    static func start(script: URL, arguments: [String], logs: URL, label: String) throws -> LoopbackServer {
        let python = try HarnessEnvironment.requirePython()
        let child = ChildProcess(
            executable: python, arguments: ["-u", script.path] + arguments, environment: ChildProcess.baseEnvironment(),
            directory: logs, logs: logs, label: label)
        try child.start()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let line = child.currentStdout().split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }) {
                let words = line.split(separator: " ")
                return LoopbackServer(child: child, address: words.count > 1 ? String(words[1]) : "")
            }
            guard child.isRunning else { break }
            usleep(20_000)
        }
        child.send(SIGKILL)
        let outcome = child.wait(timeout: 5)
        throw HarnessFailure("\(script.lastPathComponent) did not start: \(outcome.summary)")
    }

    /// The bench's fixture server over the given corpus folders.
    static func fixture(_ options: [String], logs: URL, label: String = "fixture") throws -> LoopbackServer {
        try HarnessEnvironment.requireBench()
        return try start(script: HarnessEnvironment.fixtureServer, arguments: options, logs: logs, label: label)
    }

    var port: Int { Int(address.split(separator: ":").last ?? "") ?? 0 }

    func stop() {
        child.send(SIGTERM)
        if child.wait(timeout: 10).timedOut { child.send(SIGKILL) }
    }
}

/// A harness precondition that failed (a server that would not start, a file that could not be set up).
struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
