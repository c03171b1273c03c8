import Foundation
import XCTest

/// A source workspace with one network server, for `vigia reply` tests: polls the server's posts into tasks, runs
/// `vigia reply`, and reads what the server received (posts.jsonl) and what the journal recorded.
struct ReplyWorkspace {
    let space: SourceWorkspace
    let server: NetworkServer
    let environment: [String: String]
    var vigia: VigiaProcess { space.vigia }

    /// Every post or message the server made, in order.
    func posts() -> [[String: Any]] {
        let text = (try? String(contentsOf: server.folder.appendingPathComponent("posts.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The journal's events of one kind.
    func events(_ kind: String) -> [[String: Any]] {
        space.journal().split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["kind"] as? String == kind }
    }

    /// The open response tasks after a poll, as `vigia alerts --json` lists them.
    func tasks(_ step: Int = 1) throws -> [[String: Any]] {
        try vigia.run(["--json", "--now", space.time(step), "alerts", "--all"], environment: environment).jsonLines()
            .filter { $0["kind"] as? String == "response" }
    }

    @discardableResult
    func reply(_ arguments: [String], step: Int = 1) throws -> VigiaProcess.Result {
        try vigia.run(["--now", space.time(step), "reply"] + arguments, environment: environment)
    }

    /// `vigia reply … --send`, SIGKILLed once the server made the post (the server answers it late: `slow_post`).
    func replyKilledAfterPost(_ arguments: [String], step: Int = 1) throws -> Process.TerminationReason {
        let process = Process()
        process.executableURL = VigiaProcess.executable
        process.arguments = ["--feeds", vigia.feeds.path, "--alerts", vigia.alerts.path, "--now", space.time(step), "reply"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let before = posts().count
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while posts().count == before && Date() < deadline && process.isRunning { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason
    }

    func remove() {
        server.stop()
        space.vigia.remove()
    }
}

extension ReplyWorkspace {
    /// A Mastodon loopback instance whose feed `masto` (the brand's account, with a token) follows #CasaAlba.
    static func mastodon(token: String, scopes: String = "read,write") throws -> ReplyWorkspace {
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [token, scopes, "20", "1000"])
        let feed = ##"{"id": "masto", "source": "mastodon", "instance": "\##(server.address)", "token": "${MASTODON_TOKEN}", "##
            + ##""hashtags": ["CasaAlba"], "interval": "1m"}"##
        let space = try SourceWorkspace(feeds: ["masto": feed])
        return ReplyWorkspace(space: space, server: server, environment: ["MASTODON_TOKEN": token, "USER": "eva"])
    }

    /// One Mastodon complaint polled in: its task id and the status id it answers.
    func mastodonComplaint() throws -> (task: String, status: String) {
        try server.send(["add": 1, "tag": "CasaAlba"])
        let poll = try space.poll(0, environment: environment)
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let task = try XCTUnwrap(try tasks().first?["id"] as? String, "no task filed")
        return (task, try XCTUnwrap(space.recordedIDs().first))
    }
}
