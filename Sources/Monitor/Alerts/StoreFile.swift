import Foundation

/// Opening files in alerts/ without ever following a symbolic link: a link planted there (`journal.jsonl` →
/// a victim file elsewhere) must make Vigía refuse, not write through it. Every store opens its files here.
enum StoreFile {
    /// `open(2)` with `O_NOFOLLOW | O_CLOEXEC` added; a link at `path` is `StoreError.symbolicLink`.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(StoreError) -> Int32 {
        let descriptor = Foundation.open(path, flags | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP || (code == EEXIST && isLink(path)) { throw .symbolicLink(path: path) }
            if code == ENOSPC || code == EDQUOT { throw .noSpace(path: path) }
            throw .cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
        return descriptor
    }

    /// The file's bytes from `offset` on, at most `limit` of them (nil when it does not exist): a reader catching up
    /// on an append-only file reads only what was added, not the whole file again. Never follows a link (refused).
    static func read(_ path: String, from offset: Int = 0, count limit: Int = .max) throws(StoreError) -> Data? {
        guard let descriptor = try openForReading(path, at: offset) else { return nil }
        defer { close(descriptor) }
        return try readUpTo(limit, from: descriptor, path: path)
    }

    /// The file opened for reading at `offset` (nil when it does not exist), never through a link: one descriptor
    /// for a reader that takes a long file a block at a time, so a rename meanwhile cannot mix two files.
    static func openForReading(_ path: String, at offset: Int = 0) throws(StoreError) -> Int32? {
        let descriptor = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw .symbolicLink(path: path) }
            throw .cannotRead(path: path, reason: String(cString: strerror(code)))
        }
        if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotRead(path: path, reason: reason)
        }
        return descriptor
    }

    /// The next bytes of `descriptor`, `limit` of them unless the file ends first (fewer: the end was reached). Read
    /// straight into one buffer the size of what is left of the file (a file still growing grows it), not gathered
    /// from small reads: a block of megabytes was copied twice and reallocated a dozen times.
    static func readUpTo(_ limit: Int, from descriptor: Int32, path: String) throws(StoreError) -> Data {
        var info = stat()
        let position = Int(lseek(descriptor, 0, SEEK_CUR))
        let left = fstat(descriptor, &info) == 0 && position >= 0 ? max(Int(info.st_size) - position, 0) : 0
        var data = Data(count: min(limit, left + 1))
        var filled = 0
        while filled < limit {
            if filled == data.count { data.count = min(limit, max(data.count * 2, 1 << 16)) }
            let wanted = data.count - filled
            let count = data.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
