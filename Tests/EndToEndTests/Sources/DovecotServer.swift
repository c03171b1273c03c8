import Foundation
import XCTest

/// A real Dovecot IMAP server on 127.0.0.1 with a private configuration in a temporary folder: a passwd-file
/// with one static password, Maildir storage, no TLS (loopback only). As root, Dovecot's login processes run as
/// `dovenull` and mail as `nobody` (it refuses root for both); otherwise everything runs as the current user.
final class DovecotServer {
    let folder: URL
    let port: Int
    let user = "soporte@casaalba.example"
    let password: String
    private var delivered = 0
    /// The master process, kept in the foreground (`-F`) as our child so that stopping it is ending it.
    private let master = Process()

    var maildir: URL { folder.appendingPathComponent("home/\(user)/Maildir") }
    var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    init(password: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") else {
            XCTFail("/usr/sbin/dovecot missing: apt-get install dovecot-imapd (.ci/run does)")
            throw XCTSkip("dovecot missing")
        }
        self.password = password
        folder = URL(fileURLWithPath: "/tmp/vigia-dovecot-\(UUID().uuidString.prefix(8))")
        port = try Self.freePort()
        let isRoot = geteuid() == 0
        let (mailUID, mailGID) = isRoot ? (65534, 65534) : (Int(geteuid()), Int(getegid()))
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        let group = String(cString: getgrgid(getegid()).pointee.gr_name)
        for sub in ["run", "state", "home/\(user)/Maildir/new", "home/\(user)/Maildir/cur", "home/\(user)/Maildir/tmp"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        chmod(folder.path, 0o755)
        let config = """
            base_dir = \(folder.path)/run
            state_dir = \(folder.path)/state
            log_path = \(folder.path)/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = \(isRoot ? "dovecot" : me)
            default_internal_group = \(isRoot ? "dovecot" : group)
            default_login_user = \(isRoot ? "dovenull" : me)
            first_valid_uid = 1
            first_valid_gid = 1
            mail_location = maildir:~/Maildir
            service anvil {
              chroot =
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = \(port)
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-reader {
                mode = 0600
              }
              unix_listener stats-writer {
                mode = 0600
              }
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u \(folder.path)/passwd
            }
            userdb {
              driver = static
              args = uid=\(mailUID) gid=\(mailGID) home=\(folder.path)/home/%u
            }

            """
        try config.write(to: folder.appendingPathComponent("dovecot.conf"), atomically: true, encoding: .utf8)
        try "\(user):{PLAIN}\(password)\n".write(to: folder.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        if isRoot { try chownTree(folder.appendingPathComponent("home"), uid: mailUID, gid: mailGID) }
        master.executableURL = URL(fileURLWithPath: "/usr/sbin/dovecot")
        master.arguments = ["-F", "-c", folder.appendingPathComponent("dovecot.conf").path]
        master.standardOutput = FileHandle.nullDevice
        master.standardError = FileHandle.nullDevice
        try master.run()
        guard Self.waitForListener(port: port) else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? ""
            XCTFail("dovecot did not start: \(log)")
            throw XCTSkip("dovecot did not start")
        }
    }

    /// Delivers one message into the Maildir (as a local delivery agent would: tmp, then rename into new).
    func deliver(subject: String, from: String, body: String, extraHeaders: String = "") throws {
        delivered += 1
        let name = "\(Int(Date().timeIntervalSince1970)).M\(delivered)P\(getpid()).vigia-test"
        let text = "From: \(from)\r\nTo: \(user)\r\nSubject: \(subject)\r\nMessage-ID: <msg\(delivered)-\(port)@example.com>\r\n"
            + "Date: Tue, 01 Dec 2026 10:00:\(String(format: "%02d", delivered % 60)) +0100\r\n\(extraHeaders)"
            + "MIME-Version: 1.0\r\n\r\n\(body)\r\n"
        let temporary = maildir.appendingPathComponent("tmp/\(name)")
        try Data(text.utf8).write(to: temporary)
        if geteuid() == 0 { chown(temporary.path, 65534, 65534) }
        try FileManager.default.moveItem(at: temporary, to: maildir.appendingPathComponent("new/\(name)"))
    }

    /// Rebuilds the mailbox's UID list with another UIDVALIDITY, as a restored or migrated mailbox gets: every
    /// message is there again, under new UIDs.
    func changeUIDValidity(to validity: Int) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: maildir.path) where name.hasPrefix("dovecot") {
            try FileManager.default.removeItem(at: maildir.appendingPathComponent(name))
        }
        let list = maildir.appendingPathComponent("dovecot-uidlist")
        try "3 V\(validity) N1 G\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())\n"
            .write(to: list, atomically: false, encoding: .utf8)
        if geteuid() == 0 { chown(list.path, 65534, 65534) }
    }

    /// The message files and their Maildir flags (`:2,S` = seen, `T` = trashed), to prove nothing was changed.
    func messageFiles() -> [String] {
        ["new", "cur"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent(sub).path)) ?? []).map { "\(sub)/\($0)" }
        }
    }

    func stop() {
        if master.isRunning {
            master.terminate()
            let deadline = Date().addingTimeInterval(10)
            while master.isRunning && Date() < deadline { usleep(50_000) }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    private func chownTree(_ url: URL, uid: Int, gid: Int) throws {
        chown(url.path, uid_t(uid), gid_t(gid))
        for case let path as String in FileManager.default.enumerator(atPath: url.path) ?? FileManager.default.enumerator(atPath: "/dev/null")! {
            chown(url.appendingPathComponent(path).path, uid_t(uid), gid_t(gid))
        }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw XCTSkip("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func waitForListener(port: Int) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}
