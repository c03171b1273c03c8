import Foundation

/// A minimal HTTP/1.1 POST over a TCP socket, for `http://` webhook receivers (a chat bridge or automation on the
/// LAN or loopback). CurlTransport has no POST yet; once it does, `WebhookNotifier` should use it, which also
/// brings https:// (Slack's incoming webhooks are https). Until then an https:// webhook fails permanently with
/// a message saying so, and its notices wait in the outbox.
struct WebhookPoster: Sendable {
    let timeout: TimeInterval

    struct Failure: Error {
        var reason: String
        var temporary: Bool
    }

    /// Posts `body` and returns the HTTP status.
    func post(_ body: Data, to url: URL, headers: [(String, String)]) throws(Failure) -> Int {
        guard url.scheme?.lowercased() == "http", let host = url.host else {
            throw Failure(reason: "only http:// webhooks are supported until CurlTransport offers POST (https pending)", temporary: false)
        }
        for (name, value) in headers where Self.unsafe(name) || Self.unsafe(value) || name.contains(":") {
            throw Failure(reason: "header '\(Self.printable(name))' contains a line break or is not a valid name", temporary: false)
        }
        let socket = try connect(host: host, port: url.port ?? 80)
        defer { close(socket) }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\(url.port.map { ":\($0)" } ?? "")\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        head += "User-Agent: Vigia\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try send(Data((head + "\r\n").utf8) + body, on: socket)
        return try readStatus(from: socket)
    }

    private func connect(host: String, port: Int) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure(reason: "could not resolve \(host)", temporary: true)
        }
        defer { freeaddrinfo(list) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        var lastError = "no address"
        while let info = cursor {
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0 {
                setTimeouts(descriptor)
                if Foundation.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return descriptor }
                lastError = String(cString: strerror(errno))
                close(descriptor)
            }
            cursor = info.pointee.ai_next
        }
        throw Failure(reason: "could not connect to \(host):\(port): \(lastError)", temporary: true)
    }

    private func setTimeouts(_ descriptor: Int32) {
        var value = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        // SIGPIPE is avoided per send (MSG_NOSIGNAL), so a receiver that hangs up cannot kill the run.
    }

    private func send(_ data: Data, on descriptor: Int32) throws(Failure) {
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let sent = Foundation.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += sent
            }
        }
        if let failure { throw Failure(reason: "sending the request failed: \(failure)", temporary: true) }
    }

    /// Reads until the status line is complete; the rest of the response is not needed.
    private func readStatus(from descriptor: Int32) throws(Failure) -> Int {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(0x0A), received.count < 16_384 {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw Failure(reason: count == 0 ? "connection closed before a response" : "no response within \(Int(timeout)) s", temporary: true)
            }
            received.append(contentsOf: buffer[0..<count])
        }
        let line = String(decoding: received.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw Failure(reason: "not an HTTP response: \(Self.printable(String(line.prefix(60))))", temporary: true)
        }
        return status
    }

    static func unsafe(_ text: String) -> Bool { text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" } }

    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? "?" : Character($0) })
    }
}
