import Foundation

/// A throw-away folder with its own feeds/, alerts/ and logs/, and the `vigia` runs made in it.
final class HarnessWorkspace {
    let root: URL
    var feeds: URL { root.appendingPathComponent("feeds") }
    var alerts: URL { root.appendingPathComponent("alerts") }
    var logs: URL { root.appendingPathComponent("logs") }
    /// Added to every run's environment (the SMTP sink's URL, a secret token).
    var environment: [String: String] = [:]
    private var runs = 0

    init(_ name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-harness-\(name)-\(UUID().uuidString)")
        for folder in [root, feeds, logs] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    // MARK: configuration

    func writeFeed(
        id: String, url: String, format: String? = nil, interval: String = "1m", headers: [String: String] = [:],
        extra: [String: Any] = [:]
    ) throws {
        var object: [String: Any] = ["id": id, "url": url, "interval": interval]
        if let format { object["format"] = format }
        if !headers.isEmpty { object["headers"] = headers }
        object.merge(extra) { _, new in new }
        try writeJSON(object, to: "\(id).feed.json")
    }

    func writeMonitor(_ object: [String: Any]) throws {
        try writeJSON(object, to: "monitor.json")
    }

    func writeJSON(_ object: [String: Any], to name: String) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: feeds.appendingPathComponent(name))
    }

    func writeText(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: feeds.appendingPathComponent(name))
    }

    /// Copies a file into feeds/samples/ and returns its `file:` URL for a feed config.
    func addSample(_ source: URL, as name: String? = nil) throws -> String {
        let samples = feeds.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        let target = samples.appendingPathComponent(name ?? source.lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: source, to: target)
        return "file:samples/\(target.lastPathComponent)"
    }

    func clearFeeds() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: feeds.path) where name.hasSuffix(".json") {
            try FileManager.default.removeItem(at: feeds.appendingPathComponent(name))
        }
    }

    // MARK: runs

    /// Starts `vigia --feeds … --alerts … ARGS`; with `limitBlocks`, under `ulimit -f` (vigia then sees EFBIG); with
    /// `clock`, under Debian's `faketime CLOCK` (the child's system clock reads that time); with `clockFile`, under
    /// libfaketime reading its offset from that file at every clock read (write `-2h` to it to step the clock back).
    func launch(
        _ arguments: [String], extraEnvironment: [String: String] = [:], limitBlocks: Int? = nil, clock: String? = nil,
        clockFile: URL? = nil
    ) throws -> ChildProcess {
        runs += 1
        let vigiaArguments = ["--feeds", feeds.path, "--alerts", alerts.path] + arguments
        var environment = ChildProcess.baseEnvironment()
        environment.merge(self.environment) { _, new in new }
        environment.merge(extraEnvironment) { _, new in new }
        let executable: URL
        let argv: [String]
        if let clockFile {
            // Not under the wrapper: it forks, so a signal meant for vigia would reach the wrapper alone. The library
            // is preloaded into a shell that execs vigia (preloaded straight into a Swift program, it loses its
            // arguments), and monotonic time is left alone, as a real clock step leaves it.
            executable = URL(fileURLWithPath: "/bin/sh")
            argv = ["-c", "exec \"$0\" \"$@\"", HarnessEnvironment.vigia.path] + vigiaArguments
            environment["LD_PRELOAD"] = HarnessEnvironment.faketimeLibrary
            environment["FAKETIME_TIMESTAMP_FILE"] = clockFile.path
            environment["FAKETIME_NO_CACHE"] = "1"
            environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        } else if let clock {
            executable = URL(fileURLWithPath: HarnessEnvironment.faketime)
            argv = [clock, HarnessEnvironment.vigia.path] + vigiaArguments
        } else if let limitBlocks {
            executable = URL(fileURLWithPath: "/bin/sh")
            argv = ["-c", "ulimit -f \(limitBlocks) && exec \"$0\" \"$@\"", HarnessEnvironment.vigia.path] + vigiaArguments
        } else {
            executable = HarnessEnvironment.vigia
            argv = vigiaArguments
        }
        let label = String(format: "run-%04d-", runs) + (arguments.first { !$0.hasPrefix("-") && !$0.contains(":") } ?? "vigia")
        let child = ChildProcess(
            executable: executable, arguments: argv, environment: environment, directory: root, logs: logs, label: label)
        try child.start()
        return child
    }

    func run(
        _ arguments: [String], extraEnvironment: [String: String] = [:], limitBlocks: Int? = nil, clock: String? = nil,
        timeout: TimeInterval = 120
    ) throws -> ChildProcess.Outcome {
        try launch(arguments, extraEnvironment: extraEnvironment, limitBlocks: limitBlocks, clock: clock).wait(timeout: timeout)
    }

    /// Every regular file under alerts/, relative path → contents.
    func alertFiles() -> [(path: String, data: Data)] {
        guard let walker = FileManager.default.enumerator(at: alerts, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var files: [(String, Data)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(alerts.standardizedFileURL.path.count + 1))
            files.append((relative, (try? Data(contentsOf: url)) ?? Data()))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}

extension ChildProcess.Outcome {
    /// The JSON object a `--json` command printed last.
    var json: [String: Any]? {
        guard let line = stdout.split(separator: "\n").last else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
