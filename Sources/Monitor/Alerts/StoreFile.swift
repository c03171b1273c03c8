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
        let descriptor = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw .symbolicLink(path: path) }
            throw .cannotRead(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
            throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while data.count < limit {
            let wanted = min(chunk.count, limit - data.count)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
