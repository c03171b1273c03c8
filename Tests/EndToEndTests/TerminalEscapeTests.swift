import XCTest

/// Issue 13.11 through the binary: escape sequences and line breaks in a handle, a name and a post URL, and bidi
/// overrides in the text, reach neither `vigia alerts`, stderr, OPEN.md nor the outbox's mail text.
final class TerminalEscapeTests: XCTestCase {
    func testHostileHandlesAndURLsAreCleanedEverywhere() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        let statuses = #"""
            [{"id": "9001", "created_at": "2026-11-23T09:50:00Z",
              "url": "https://evil.social/@x/9001\nBcc: victim@example.com\r\nX-Fake: 1",
              "content": "<p>Casa Alba estafa, mi pedido no llega \u202Egnol ytterp\u202C fatal</p>",
              "account": {"acct": "evil\u001b]0;pwned\u0007\u001b[2J", "display_name": "Eve\u001b[31m\u009b1m\u2066x\u2069",
                          "followers_count": 10}}]
            """#
        try statuses.write(to: vigia.feeds.appendingPathComponent("samples/evil.json"), atomically: true, encoding: .utf8)
        try #"{"id": "evil\u001b[1m", "url": "file:samples/evil.json", "format": "mastodon", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("evil.feed.json"), atomically: true, encoding: .utf8)
        let check = try vigia.run(["check"])
        XCTAssertFalse(check.stdout.contains("\u{1B}") || check.stderr.contains("\u{1B}"), check.stdout + check.stderr)
        try #"{"id": "evil", "url": "file:samples/evil.json", "format": "mastodon", "interval": "5m"}"#
            .write(to: vigia.feeds.appendingPathComponent("evil.feed.json"), atomically: true, encoding: .utf8)

        let poll = try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let escalate = try vigia.run(["--now", "2026-11-23T12:00:00Z", "escalate"])
        let alerts = try vigia.run(["--now", "2026-11-23T12:00:00Z", "alerts"])
        XCTAssertTrue(alerts.stdout.contains("estafa"), alerts.stdout)
        var texts = [("poll", poll.stdout + poll.stderr), ("escalate", escalate.stdout + escalate.stderr),
                     ("alerts", alerts.stdout + alerts.stderr)]
        texts.append(("OPEN.md", try String(contentsOf: vigia.alerts.appendingPathComponent("OPEN.md"), encoding: .utf8)))
        let outbox = vigia.alerts.appendingPathComponent("outbox")
        let mails = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(mails.isEmpty, "the overdue complaint was queued for mail")
        for mail in mails { texts.append((mail, try String(contentsOf: outbox.appendingPathComponent(mail), encoding: .utf8))) }
        for (label, text) in texts {
            for bad in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\u{2066}", "\r"] {
                XCTAssertFalse(text.contains(bad), "\(label) holds U+\(String(bad.unicodeScalars.first!.value, radix: 16)):\n\(text)")
            }
            let lines = text.split(separator: "\n")
            XCTAssertFalse(lines.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Fake:") }, "\(label) got a fake line:\n\(text)")
        }
    }
}
