import Foundation

/// Sign-in state a source keeps between runs (Bluesky's session, Reddit's token), one file per feed in
/// `alerts/state/sessions/<feed>.json`: written atomically, owner-only (0600), read with O_NOFOLLOW so a planted
/// link cannot make Vigía read (or reveal) another file. A file that is not ours alone is not trusted: the
/// source signs in afresh and replaces it.
struct SessionStore: Sendable {
    let folder: URL

    init(stateFolder: URL) {
        folder = stateFolder.appendingPathComponent("sessions")
    }

    func url(for feedID: String) -> URL { folder.appendingPathComponent("\(feedID).json") }

    /// The stored session, or nil when there is none (or it cannot be trusted: say why in `note`).
    func load<T: Decodable>(_ type: T.Type, feedID: String, note: (String) -> Void) -> T? {
        let path = url(for: feedID).path
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno != ENOENT { note("session file \(path) not read (\(String(cString: strerror(errno)))); signing in afresh") }
            return nil
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(),
            info.st_mode & 0o077 == 0, info.st_size < 1 << 20
        else {
            note("session file \(path) is not a private regular file (mode 0600) of this user; signing in afresh")
            return nil
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let data = try? handle.readToEnd(), let session = try? JSONDecoder().decode(T.self, from: data) else {
            note("session file \(path) unreadable; signing in afresh")
            return nil
        }
        return session
    }

    func save<T: Encodable>(_ session: T, feedID: String) throws(SourceFailure) {
        let target = url(for: feedID)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try AtomicFile.write(try encoder.encode(session), to: target)
        } catch let error as StoreError {
            throw .store("cannot keep the session: \(error.description)")
        } catch {
            throw .store("cannot keep the session in \(target.path): \(error)")
        }
    }

    func remove(feedID: String) {
        unlink(url(for: feedID).path)
    }
}
