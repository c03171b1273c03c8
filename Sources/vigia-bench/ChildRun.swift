import Foundation

/// A child process run to completion with stdout to a file, timed, and its own peak RSS taken from `wait4`'s
/// rusage (not RUSAGE_CHILDREN, which is the largest of every child so far: a bench that measures a run per
/// simulated day needs each run's own figure). With `killAfter` the child is sent SIGKILL at that moment unless it
/// has ended by then (the crash proof: a run cut off where it happens to be, as a power cut or an OOM kill does).
struct ChildRun {
    var seconds: Double
    /// The child's own CPU time (user and system, from the same rusage): beside the wall time, a figure other work
    /// on a shared machine does not inflate.
    var cpuSeconds: Double
    var status: Int32
    var peakRSSKiB: Int
    var output: Data
    /// Ended by the SIGKILL it was sent (a run that finished before its kill moment is a completed run).
    var killed: Bool

    enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        var description: String {
            switch self {
            case .spawn(let path, let code): "cannot start \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `executable` with `arguments`; stdout is collected through `scratch` (a file), stderr discarded.
    static func run(_ executable: URL, _ arguments: [String], scratch: URL, killAfter: Double? = nil) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, scratch.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let code = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard code == 0 else { throw Failure.spawn(executable.path, code) }
        var status: Int32 = 0
        var usage = rusage()
        var ended = false
        if let killAfter {
            // Polled every 2 ms rather than slept through, so a run that ends early is not waited for.
            let deadline = start + UInt64(max(killAfter, 0) * 1e9)
            while !ended, DispatchTime.now().uptimeNanoseconds < deadline {
                ended = wait4(pid, &status, WNOHANG, &usage) == pid
                if !ended { usleep(2000) }
            }
            if !ended { kill(pid, SIGKILL) }
        }
        while !ended, wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let signal = status & 0x7f
        let exit = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        let output = (try? Data(contentsOf: scratch)) ?? Data()
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ChildRun(
            seconds: seconds, cpuSeconds: cpu, status: exit, peakRSSKiB: Int(usage.ru_maxrss), output: output, killed: signal == SIGKILL)
    }
}
