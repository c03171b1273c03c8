import Foundation
import XCTest

/// Runs the built `vigia` executable as a real process, on a temporary copy of the demo configuration.
struct VigiaProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `vigia` sits beside the test bundle in the build folder.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("vigia")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/vigia")
    }

    let workspace: URL
    var feeds: URL { workspace.appendingPathComponent("feeds") }
    var alerts: URL { workspace.appendingPathComponent("alerts") }

    /// A fresh workspace with a copy of the shipped demo feeds/ and an empty alerts/.
    static func demo() throws -> VigiaProcess {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("feeds"), to: workspace.appendingPathComponent("feeds"))
        return VigiaProcess(workspace: workspace)
    }

    func remove() { try? FileManager.default.removeItem(at: workspace) }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--feeds", feeds.path, "--alerts", alerts.path] + arguments
        process.currentDirectoryURL = workspace
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIGIA_SMTP_URL")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        input.fileHandleForWriting.closeFile()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("vigia \(arguments.joined(separator: " ")) did not finish within \(timeout)s")
        }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: collected.text(false), stderr: collected.text(true))
    }

    final class Collected: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
        func text(_ isError: Bool) -> String { lock.withLock { String(decoding: isError ? err : out, as: UTF8.self) } }
    }
}

extension VigiaProcess.Result {
    /// The single JSON object printed by `--json` commands.
    func jsonObject() throws -> [String: Any] {
        let line = stdout.split(separator: "\n").last.map(String.init) ?? ""
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "stdout: \(stdout)\nstderr: \(stderr)")
    }

    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }
}
