import Foundation
import XCTest

/// A real server on 127.0.0.1 run by /usr/bin/python3 from a script in this folder's `LoopbackScripts`. The script
/// prints "LISTENING <port>" once bound; `stop()` terminates it (the port is then closed: a server that is down).
final class LoopbackServer {
    let process = Process()
    let port: Int

    init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let line = Self.readLine(output.fileHandleForReading)
        guard line.hasPrefix("LISTENING "), let port = Int(line.dropFirst("LISTENING ".count)) else {
            process.terminate()
            throw XCTSkip("loopback server did not start: \(line)")
        }
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func readLine(_ handle: FileHandle) -> String {
        var bytes = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Fails the test early, with the reason, when aiosmtpd is missing.
    static func requireAiosmtpd() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = ["-c", "import aiosmtpd"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            XCTFail("/usr/bin/python3 cannot import aiosmtpd: apt-get install python3-aiosmtpd")
            throw XCTSkip("aiosmtpd missing")
        }
    }
}

enum LoopbackScripts {
    /// aiosmtpd on 127.0.0.1:<port> (0 = any). Each message → <dir>/<ns>.eml: "RCPT TO:" lines, a blank line, DATA.
    static let smtp = #"""
        import asyncio, os, sys, time
        from aiosmtpd.smtp import SMTP
        outdir, port = sys.argv[1], int(sys.argv[2])
        class Handler:
            async def handle_DATA(self, server, session, envelope):
                path = os.path.join(outdir, '%d.eml' % time.time_ns())
                with open(path + '.tmp', 'wb') as f:
                    for rcpt in envelope.rcpt_tos:
                        f.write(('RCPT TO:%s\n' % rcpt).encode())
                    f.write(b'\n')
                    f.write(envelope.original_content)
                os.rename(path + '.tmp', path)
                return '250 OK'
        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(lambda: SMTP(Handler(), hostname='localhost'), '127.0.0.1', port, reuse_address=True)
            print('LISTENING %d' % server.sockets[0].getsockname()[1], flush=True)
            await asyncio.Event().wait()
        asyncio.run(main())
        """#

    /// An HTTP receiver: each POST → <dir>/<ns>.json holding {"path","headers","body"}; answers 500 to the first
    /// <failures> requests, then 200.
    static let webhook = #"""
        import http.server, json, os, sys, time
        outdir, failures = sys.argv[1], [int(sys.argv[2])]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', '0'))).decode('utf-8')
                if failures[0] > 0:
                    failures[0] -= 1
                    self.send_response(500); self.end_headers(); return
                record = {'path': self.path, 'headers': dict(self.headers.items()), 'body': body}
                with open(os.path.join(outdir, '%d.json' % time.time_ns()), 'w') as f:
                    json.dump(record, f)
                self.send_response(200); self.end_headers(); self.wfile.write(b'ok')
            def log_message(self, *args): pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        print('LISTENING %d' % server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
