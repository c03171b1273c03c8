import Foundation

/// An exclusive, non-blocking lock on `outbox/.lock` (flock): two runs at once (cron poll and a manual
/// `vigia escalate`) must not attempt the same item. Released by the kernel if the process dies.
final class OutboxLock {
    private let descriptor: Int32

    init?(folder: URL) {
        let path = folder.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
