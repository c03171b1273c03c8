import Foundation
import XCTest

/// A real server run as a subprocess that prints "LISTENING <base URL>" on stdout once bound
/// (the project's Tests/Fixtures/feed_server.py, and the small Python servers of these tests). Stopped with SIGTERM.
final class ServerProcess {
    let baseURL: URL
    private let process: Process

    /// The package root, derived from this file's path (Tests/CurlTransportTests/Support/ServerProcess.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtureServer = packageRoot.appendingPathComponent("Tests/Fixtures/feed_server.py")

    /// Launches `python arguments...` and waits (up to 20 s) for its LISTENING line.
    init(python: String = "/usr/bin/env", arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = python == "/usr/bin/env" ? ["python3"] + arguments : arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        guard let url = Self.awaitListening(output.fileHandleForReading) else {
            process.terminate()
            throw ServerError.didNotStart(arguments.first ?? "?")
        }
        baseURL = url
    }

    /// The project's feed server (Tests/Fixtures/feed_server.py) on a free port with the given extra options.
    static func fixture(_ options: [String] = []) throws -> ServerProcess {
        try ServerProcess(arguments: [fixtureServer.path, "--port", "0"] + options)
    }

    /// A Python program given as source, run with `python3 -c`.
    static func script(_ source: String, arguments: [String] = [], python: String = "/usr/bin/env") throws
        -> ServerProcess
    {
        try ServerProcess(python: python, arguments: ["-c", source] + arguments)
    }

    func url(_ path: String) -> URL { URL(string: baseURL.absoluteString + path)! }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func awaitListening(_ handle: FileHandle) -> URL? {
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }  // the process exited
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("LISTENING ") {
                let words = line.split(separator: " ")
                if words.count >= 2 { return URL(string: String(words[1])) }
            }
        }
        return nil
    }

    enum ServerError: Error { case didNotStart(String) }

    /// Skips the test when python3 is not installed; anything else missing is a failure.
    static func requirePython() throws {
        let found =
            ["/usr/bin/python3", "/usr/local/bin/python3"].contains { FileManager.default.isExecutableFile(atPath: $0) }
            || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
        if !found { throw XCTSkip("python3 is not installed") }
    }
}
