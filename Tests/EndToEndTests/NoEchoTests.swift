import XCTest

/// Issue 13.16: a `file:` feed pointed at a file that is not a feed (a secret, say) gets "not a feed" in errors,
/// stderr and poll state — never the file's first bytes or its JSON keys.
final class NoEchoTests: XCTestCase {
    func testAFileThatIsNotAFeedIsNeverEchoed() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let secrets = [
            "shadow.txt": "root:$6$S3CRETHASHVALUE$abc:19000:0:99999:7:::\n",
            "creds.json": #"{"aws_secret_access_key_S3CRETKEYNAME": "x", "private": 1}"#,
            "page.xml": "<S3CRETROOT><token>abc</token></S3CRETROOT>",
        ]
        for (name, contents) in secrets {
            try contents.write(to: vigia.workspace.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let id = String(name.split(separator: ".")[0])
            let path = vigia.workspace.appendingPathComponent(name).path
            try #"{"id": "\#(id)", "url": "file://\#(path)", "interval": "5m"}"#
                .write(to: vigia.feeds.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
        }
        let poll = try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(poll.status, 1, poll.stderr)
        let check = try vigia.run(["check", "--fetch"])
        let state = try String(contentsOf: vigia.alerts.appendingPathComponent("state/poll-state.json"), encoding: .utf8)
        for (label, text) in [("poll", poll.stderr + poll.stdout), ("check", check.stdout + check.stderr), ("state", state)] {
            XCTAssertFalse(text.contains("S3CRET"), "\(label) echoes the file:\n\(text)")
            XCTAssertFalse(text.contains("root:$6"), "\(label) echoes the file:\n\(text)")
        }
        XCTAssertTrue(poll.stderr.contains("not a feed"), poll.stderr)
    }
}
