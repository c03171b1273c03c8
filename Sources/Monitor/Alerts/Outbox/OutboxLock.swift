import Foundation

/// An exclusive, non-blocking lock on `outbox/.lock` (flock): two runs at once (cron poll and a manual
/// `vigia escalate`) must not attempt the same item. Released by the kernel if the process dies.
final class OutboxLock {
    private let descriptor: Int32

    init?(folder: URL) {
        let path = folder.appendingPathComponent(".lock").path
        // Never through a link planted as `.lock` (flock would be harmless, but O_CREAT would create its target).
        guard let descriptor = try? StoreFile.open(path, O_RDWR | O_CREAT) else { return nil }
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
