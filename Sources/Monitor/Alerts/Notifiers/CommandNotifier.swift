import Foundation
import ReputationCore

/// Runs a configured command hook: argv exactly as configured (no shell, so post text cannot become a command),
/// the notice as JSON on stdin, `VIGIA_NOTICE_ID` in the environment. Exit 0 is delivered, even when a background
/// child the hook started still runs; anything else, or running past the timeout (the hook and everything it started
/// are then stopped), is a failed attempt. The hook gets a clean environment (`hookEnvironment`): never Vigía's own,
/// which holds the SMTP password and the feeds' tokens.
struct CommandNotifier: Sendable {
    let commands: [NotifierSettings.Command]

    func deliver(_ item: OutboxItem, payload: Data) throws(NotifierError) {
        guard let command = commands.first(where: { $0.name == item.notice.target }) else {
            throw .notConfigured(channel: "command", target: item.notice.target, hint: "no notifiers.commands entry with that name")
        }
        // stdin and stderr are unlinked files, not pipes: a hook that never reads its input, floods its stderr or
        // leaves a child holding either can block nothing here, and once the hook exits nothing is left to wait for.
        let input = try Self.scratchFile(for: command, holding: payload)
        defer { close(input) }
        let errors = try Self.scratchFile(for: command, holding: Data())
        defer { close(errors) }
        let environment = Self.hookEnvironment(from: ProcessInfo.processInfo.environment, item: item)
        let hook = try HookProcess.start(
            command, path: Self.resolve(command.argv[0]), environment: environment, stdin: input, stderr: errors)
        switch hook.wait(timeout: command.timeout) {
        case .exited(status: 0): return
        case .exited(let status):
            let stderr = Self.head(of: errors)
            throw .commandFailed(name: command.name, argv0: command.argv[0], status: status, stderr: stderr)
        case .timedOut: throw .commandTimedOut(name: command.name, seconds: command.timeout)
        }
    }

    /// A private temporary file holding `bytes`, read from its start, already unlinked: only its descriptor exists,
    /// so nothing is left behind by a crash and no other process can open it by name.
    private static func scratchFile(
        for command: NotifierSettings.Command, holding bytes: Data
    ) throws(NotifierError) -> Int32 {
        let folder = NSTemporaryDirectory()
        var template = Array((folder + "vigia-hook-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in
            let descriptor = mkstemp(name.baseAddress!)
            if descriptor >= 0 { unlink(name.baseAddress!) }
            return descriptor
        }
        guard descriptor >= 0 else { throw scratchFailure(command, folder: folder, code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let code = writeAll(bytes, to: descriptor)
        guard code == 0 else {
            close(descriptor)
            throw scratchFailure(command, folder: folder, code: code)
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    /// Writes every byte (a short write or EINTR goes on); 0, or the errno that stopped it.
    private static func writeAll(_ bytes: Data, to descriptor: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            written += count
        }
        return 0
    }

    private static func scratchFailure(
        _ command: NotifierSettings.Command, folder: String, code: Int32
    ) -> NotifierError {
        let reason = "no scratch file in \(folder): \(String(cString: strerror(code)))"
        return .commandNotStartable(name: command.name, argv0: command.argv[0], reason: reason)
    }

    /// The first 500 bytes of what the hook wrote to stderr, for the failure note: however much it wrote, no more
    /// is read.
    private static func head(of errors: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 500)
        let count = bytes.withUnsafeMutableBytes { pread(errors, $0.baseAddress, $0.count, 0) }
        let text = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
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
