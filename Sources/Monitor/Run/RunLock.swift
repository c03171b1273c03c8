import Foundation
import ReputationCore

/// The exclusive lock every writer of alerts/ holds: polls for their whole run, task commands (`ack`, `resolve`,
/// `close`, `reopen`, `note`) and `escalate` while they re-read the journal and append. Readers (`alerts`,
/// `report`) take none: they never modify a file.
///
/// It is a flock(2) on the alerts folder itself, not on a file in it: deleting `vigia.lock` (or the whole folder's
/// contents) cannot let a second run in beside one that holds it, and the kernel releases it when the process dies,
/// so a crashed run never leaves a stale lock behind. `vigia.lock` only says who holds it.
package final class RunLock {
    private let descriptor: Int32
    package let path: String

    /// Folders inside alerts/ that the stores write into; a link there would send writes elsewhere.
    static let innerFolders = ["state", "mentions", "outbox", "outbox/sent"]

    /// Takes the lock, waiting up to `wait` seconds for a run that holds it (0: fail at once with `.locked`).
    package init(alertsFolder: URL, now: Date, wait: TimeInterval = 0) throws {
        try AtomicFile.ensureFolder(alertsFolder)
        path = alertsFolder.appendingPathComponent("vigia.lock").path
        // The alerts folder itself may be a link (an operator's choice of disk); nothing inside it may be.
        descriptor = open(alertsFolder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RunError.cannotLock(path: alertsFolder.path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR, Date() < deadline else {
                let holder = (try? StoreFile.read(path)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
                close(descriptor)
                let who = holder?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                throw RunError.locked(path: path, holder: who, waited: wait)
            }
            usleep(20_000)
        }
        do {
            for folder in Self.innerFolders where StoreFile.isLink(alertsFolder.appendingPathComponent(folder).path) {
                throw StoreError.symbolicLink(path: alertsFolder.appendingPathComponent(folder).path)
            }
            try writeHolder(now: now)
        } catch {
            flock(descriptor, LOCK_UN)
            close(descriptor)
            throw error
        }
    }

    /// Who holds it, for the message the next run prints. Informational only: the flock is the lock.
    private func writeHolder(now: Date) throws(StoreError) {
        let note = Data("pid \(getpid()) since \(ISOTime.format(now))\n".utf8)
        let file = try StoreFile.open(path, O_WRONLY | O_CREAT)
        defer { close(file) }
        _ = ftruncate(file, 0)
        _ = note.withUnsafeBytes { pwrite(file, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
