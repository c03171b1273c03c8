import Foundation

/// An exclusive, non-blocking lock on `outbox/.lock` (flock): two runs at once (cron poll and a manual
/// `vigia escalate`) must not attempt the same item. Released by the kernel if the process dies.
final class OutboxLock {
    private let descriptor: Int32

    /// Nil when another run holds it; a file that cannot be opened (a planted link) is an error, not "busy".
    init?(folder: URL) throws(StoreError) {
        let path = folder.appendingPathComponent(".lock").path
        // Never through a link planted as `.lock` (flock would be harmless, but O_CREAT would create its target).
        let descriptor = try StoreFile.open(path, O_RDWR | O_CREAT)
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
