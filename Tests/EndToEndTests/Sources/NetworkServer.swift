import Foundation
import XCTest

/// A network's API on 127.0.0.1, run by /usr/bin/python3 from one of the scripts beside this file, behaving as
/// the network's documentation says (sign-in, expiry, paging, rate-limit headers, error answers). The test
/// changes the network's world (new posts, an outage, a stall) by appending JSON lines to `control`, which the
/// server reads before each request; the server logs each request it served to `requests` (one JSON line).
final class NetworkServer {
    let process = Process()
    let port: Int
    let folder: URL
    var control: URL { folder.appendingPathComponent("control.jsonl") }
    var requestLog: URL { folder.appendingPathComponent("requests.jsonl") }
    var address: String { "http://127.0.0.1:\(port)" }

    /// `script` is `NetworkScripts.common` + a network's handler; `arguments` are the network's settings.
    init(script: String, arguments: [String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-net-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("control.jsonl").path, contents: Data())
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", NetworkScripts.common + script, folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10)) else {
            process.terminate()
            throw XCTSkip("network server did not start: \(text)")
        }
        self.port = port
    }

    /// Tells the server's world what happens next (`{"add": 10, "tag": "CasaAlba"}`, `{"fail": 1}`, …).
    func send(_ command: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: command) + Data("\n".utf8)
        let handle = try FileHandle(forWritingTo: control)
        handle.seekToEndOfFile()
        handle.write(data)
        try handle.close()
    }

    /// The requests served so far, as the server logged them.
    func requests() -> [[String: Any]] {
        let text = (try? String(contentsOf: requestLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func requests(path: String) -> [[String: Any]] { requests().filter { ($0["path"] as? String) == path } }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

/// A workspace for source-kind tests: the `vigia` binary on an empty feeds/ with the given feed files.
struct SourceWorkspace {
    let vigia: VigiaProcess
    let start: Date

    /// `start`: the first poll's time (default the real clock, to the second).
    init(feeds: [String: String], start: Date = Date()) throws {
        vigia = try VigiaProcess.demo()
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        for (id, text) in feeds {
            try text.write(to: vigia.feeds.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
        }
        // The servers' budgets reset on the real clock: polls run near it, a minute apart.
        self.start = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down))
    }

    func time(_ step: Int) -> String { ISO8601DateFormatter().string(from: start.addingTimeInterval(Double(step) * 60)) }

    @discardableResult
    func poll(_ step: Int, environment: [String: String]) throws -> VigiaProcess.Result {
        try vigia.run(["--json", "--now", time(step), "poll"], environment: environment)
    }

    /// Runs a poll and SIGKILLs it once the server has stalled a request (a `{"stall": …}` sent before): a run
    /// killed in the middle of its fetch.
    func pollKilledOnStall(_ step: Int, environment: [String: String], server: NetworkServer) throws
        -> (reason: Process.TerminationReason, stderr: String)
    {
        let process = Process()
        process.executableURL = VigiaProcess.executable
        process.arguments = ["--feeds", vigia.feeds.path, "--alerts", vigia.alerts.path, "--now", time(step), "poll"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        let errors = vigia.workspace.appendingPathComponent("killed-\(step).err")
        FileManager.default.createFile(atPath: errors.path, contents: Data())
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !server.requests().contains(where: { $0["stalled"] as? Bool == true }) && Date() < deadline { usleep(50_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (process.terminationReason, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Every mention recorded, in the order recorded.
    func mentions() -> [[String: Any]] {
        let folder = vigia.alerts.appendingPathComponent("mentions")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.count == 16 }.sorted()
        return names.flatMap { name -> [[String: Any]] in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["mention"] as? [String: Any]
            }
        }
    }

    /// The platform ids of the recorded mentions (`reference.id`).
    func recordedIDs() -> [String] { mentions().compactMap { ($0["reference"] as? [String: Any])?["id"] as? String } }

    /// Every file under alerts/ with its bytes (to look for secrets).
    func alertFiles() -> [(path: String, data: Data)] {
        let root = vigia.alerts
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, Data)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append((String(url.path.dropFirst(root.path.count + 1)), (try? Data(contentsOf: url)) ?? Data()))
        }
        return files
    }

    func journal() -> String {
        (try? String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)) ?? ""
    }
}
