import Foundation
import ReputationCore

/// An exclusive lock on alerts/ so overlapping cron runs never process the same feeds twice. Uses flock(2): the
/// kernel releases it when the process dies, so a crashed run never leaves a stale lock behind.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    public init(alertsFolder: URL, now: Date) throws {
        try AtomicFile.ensureFolder(alertsFolder)
        path = alertsFolder.appendingPathComponent("vigia.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw RunError.cannotLock(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw RunError.locked(path: path, holder: holder)
        }
        // Who holds it, for the message the next run prints. Informational only: the flock is the lock.
        let note = "pid \(getpid()) since \(ISOTime.format(now))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
