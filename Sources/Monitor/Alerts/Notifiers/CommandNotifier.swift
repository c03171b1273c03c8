import Foundation
import ReputationCore

/// Runs a configured command hook: argv exactly as configured (no shell, so post text cannot become a command),
/// the notice as JSON on stdin, `VIGIA_NOTICE_ID` in the environment. Exit 0 is delivered; anything else, or
/// running past the timeout (the process is then terminated), is a failed attempt. The hook gets a clean
/// environment (`hookEnvironment`): never Vigía's own, which holds the SMTP password and the feeds' tokens.
struct CommandNotifier: Sendable {
    /// Set once per process: a hook that exits before reading its stdin then gives EPIPE, not a fatal SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    let commands: [NotifierSettings.Command]

    func deliver(_ item: OutboxItem, payload: Data) throws(NotifierError) {
        guard let command = commands.first(where: { $0.name == item.notice.target }) else {
            throw .notConfigured(channel: "command", target: item.notice.target, hint: "no notifiers.commands entry with that name")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.resolve(command.argv[0]))
        process.arguments = Array(command.argv.dropFirst())
        process.environment = Self.hookEnvironment(from: ProcessInfo.processInfo.environment, item: item)
        let input = Pipe()
        // stderr goes to a file, not a pipe: a chatty hook must not block on a full pipe while we wait for it.
        let errorPath = NSTemporaryDirectory() + "vigia-hook-\(getpid())-\(item.id).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil, attributes: [.posixPermissions: 0o600])
        defer { unlink(errorPath) }
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: errorPath) ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .commandNotStartable(name: command.name, argv0: command.argv[0], reason: (error as NSError).localizedDescription)
        }
        // A hook that does not read stdin must not block us: write in the background, ignore EPIPE. `vigia`'s main
        // ignores SIGPIPE; so does any other process that runs hooks (tests, embedders), or the write would kill it.
        _ = Self.ignoreBrokenPipes
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            try? writer.write(contentsOf: payload)
            try? writer.close()
        }
        let finished = Self.wait(for: process, timeout: command.timeout)
        let stderr = String(decoding: (FileManager.default.contents(atPath: errorPath) ?? Data()).prefix(500), as: UTF8.self)
        guard finished else { throw .commandTimedOut(name: command.name, seconds: command.timeout) }
        guard process.terminationStatus == 0 else {
            throw .commandFailed(
                name: command.name, argv0: command.argv[0], status: process.terminationStatus,
                stderr: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// What a hook may see of the environment: where programs and home are, the locale and zone, the temporary
    /// folder, and the notice's ids. Nothing else: secrets live in the environment (`VIGIA_SMTP_PASSWORD`, the
    /// `${NAME}`s of feed headers and webhooks), and a hook is a program someone else may have written.
    static func hookEnvironment(from environment: [String: String], item: OutboxItem) -> [String: String] {
        var clean = environment.filter { passed.contains($0.key) || $0.key.hasPrefix("LC_") }
        clean["PATH"] = clean["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        clean["VIGIA_NOTICE_ID"] = item.id
        clean["VIGIA_TASK_ID"] = item.notice.taskID
        return clean
    }

    private static let passed: Set<String> = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR"]

    /// Waits up to `timeout`; on expiry terminates (then kills) the process and returns false.
    static func wait(for process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard process.isRunning else { return true }
        process.terminate()
        let grace = Date().addingTimeInterval(2)
        while process.isRunning, Date() < grace { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return false
    }

    /// A bare program name is looked up in PATH, as execvp would; paths are used as given.
    static func resolve(_ program: String) -> String {
        guard !program.contains("/") else { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}
