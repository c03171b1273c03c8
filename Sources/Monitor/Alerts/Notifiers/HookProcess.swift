import Foundation
import ReputationCore

/// A command hook's process, started as the leader of a process group of its own, waited for with `waitpid`.
///
/// Not Foundation's `Process`: on Linux it learns of an exit when a descriptor the child inherited is closed, so a
/// background child the hook leaves running (`notify & exit 0`) makes a delivered hook look hung; and its terminate
/// reaches the hook alone, leaving a grandchild (`sleep` in a hook script) to run on, holding the poll, after the
/// timeout. Here only the hook's own exit is waited for, and a timeout stops the hook's whole group.
struct HookProcess: Sendable {
    enum Outcome: Equatable, Sendable {
        /// The hook's exit status; a signal that ended it is 128 + its number, as shells report it.
        case exited(status: Int32)
        /// It ran past the timeout; its group was stopped and the hook reaped.
        case timedOut
    }

    /// The hook's pid, which is also its process group's id.
    let pid: pid_t

    /// Starts `path` with the command's argv and `environment`: stdin and stderr are the given descriptors, stdout
    /// /dev/null, no other descriptor of ours inherited, every signal at its default and none blocked (Vigía ignores
    /// SIGPIPE and the watcher SIGTERM; a hook inheriting that would shrug off the timeout's SIGTERM).
    static func start(
        _ command: NotifierSettings.Command, path: String, environment: [String: String], stdin: Int32, stderr: Int32
    ) throws(NotifierError) -> HookProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        describe(&actions, stdin: stdin, stderr: stderr)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        ownGroupWithDefaultSignals(&attributes)
        let argv = command.argv.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard code == 0 else {
            let reason = String(cString: strerror(code))
            throw .commandNotStartable(name: command.name, argv0: command.argv[0], reason: reason)
        }
        return HookProcess(pid: pid)
    }

    /// The hook's descriptors 0–2, and a close for every other one open here: a journal, a curl socket or a pipe
    /// opened without O_CLOEXEC must not live on in whatever the hook leaves running. `/dev/fd` lists them on Linux
    /// and Darwin alike; a close of one that is gone by the spawn is ignored.
    private static func describe(_ actions: inout posix_spawn_file_actions_t, stdin: Int32, stderr: Int32) {
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Process group = the hook's pid (so `kill(-pid, …)` reaches all it starts), signals reset, none blocked.
    private static func ownGroupWithDefaultSignals(_ attributes: inout posix_spawnattr_t) {
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
    }

    /// Waits for the hook's own exit, at most `timeout`. Past it the group gets SIGTERM, `grace` to empty, then
    /// SIGKILL. What the hook leaves running after an exit is not waited for: the hook has answered.
    func wait(timeout: TimeInterval, grace: TimeInterval = 2) -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = reap() { return .exited(status: status) }
            usleep(10_000)
        }
        if let status = reap() { return .exited(status: status) }
        stopGroup(grace: grace)
        return .timedOut
    }

    /// SIGTERM to the group, up to `grace` for it to empty, then SIGKILL to whatever is left; the hook is reaped.
    private func stopGroup(grace: TimeInterval) {
        kill(-pid, SIGTERM)
        var reaped = false
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            reaped = reaped || reap() != nil
            // Until the hook is reaped it is in the group itself (a zombie too), so only then can ESRCH mean empty;
            // while any member lives the group's id stays taken, so the signals below cannot reach a stranger.
            if reaped, kill(-pid, 0) != 0 { return }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        if !reaped { _ = reap(blocking: true) }
    }

    /// The hook's exit status once it has ended (reaping it), nil while it runs. A status someone else reaped (ECHILD)
    /// is lost: reported as -1, a failed attempt, rather than waiting for an exit that will never be seen.
    private func reap(blocking: Bool = false) -> Int32? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        if result < 0 { return -1 }
        guard result == pid else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
