import Foundation

/// Whole-file writes that are all or nothing: a temporary file beside the target, fsync'd, then renamed over it.
/// A crash or a full disk leaves the previous version intact. Files are created owner-only (0600); links are never
/// written through.
package enum AtomicFile {
    package static func write(_ data: Data, to url: URL) throws(StoreError) {
        try write(parts: [data], to: url)
    }

    /// The file of `parts` in order, written in turn (a long file's slices are never gathered into one copy).
    package static func write<Part: ContiguousBytes>(parts: [Part], to url: URL) throws(StoreError) {
        try write(to: url) { (descriptor: Int32) throws(StoreError) in
            for part in parts { try FileDescriptorIO.writeAll(descriptor, part, path: url.path) }
        }
    }

    /// The file of what `fill` writes to the descriptor (a long file encoded and written a batch at a time), made
    /// whole in a temporary and renamed over `url`.
    package static func write(to url: URL, _ fill: (Int32) throws(StoreError) -> Void) throws(StoreError) {
        let path = url.path
        try ensureFolder(url.deletingLastPathComponent())
        let temporary = path + ".tmp-\(getpid())"
        // A fresh file, never an existing one and never through a link planted under the temporary's name; the
        // rename then replaces whatever is at `path` (a link there is replaced, not followed).
        unlink(temporary)
        let descriptor = try StoreFile.open(temporary, O_WRONLY | O_CREAT | O_EXCL)
        do throws(StoreError) {
            try fill(descriptor)
            guard fsync(descriptor) == 0 else { throw StoreError.writing(path, errno: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .writing(path, errno: code)
        }
        FileDescriptorIO.syncDirectory(of: url)
    }

    /// Removes temporary files left by a writer that was killed between writing and renaming (`*.tmp-PID` whose
    /// process is gone). Their content was never the file's: the rename that would have published it never ran.
    package static func removeStaleTemporaries(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let range = name.range(of: ".tmp-", options: .backwards), let pid = Int32(name[range.upperBound...]),
                pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Creates a folder (and parents) owner-only if missing.
    package static func ensureFolder(_ url: URL) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreate(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

/// Low-level write helpers that report errno precisely (ENOSPC, EFBIG) instead of Foundation's generic errors.
enum FileDescriptorIO {
    static func writeAll(_ descriptor: Int32, _ data: some ContiguousBytes, path: String) throws(StoreError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw .writing(path, errno: failure) }
    }

    static func syncDirectory(of url: URL) {
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }
}
