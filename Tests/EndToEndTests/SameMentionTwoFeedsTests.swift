import XCTest

/// The same post served by two feeds that speak for its host (`post_hosts`) is one mention with both sources — in the same run, and when the second
/// feed serves it in a later run (recorded once in mentions/sources.jsonl, merged whenever the log is read).
final class SameMentionTwoFeedsTests: XCTestCase {
    private let post = """
        <item><title>Pedido 4471</title><link>https://social.example/@ana/1001?utm_source=x</link>
        <guid>%@</guid><description>Mi pedido de Casa Alba no llega, llevo tres días esperando</description>
        <pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate><author>ana@example.org (Ana)</author></item>
        """

    private func feedDocument(guid: String) -> String {
        #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>"#
            + post.replacingOccurrences(of: "%@", with: guid) + "</channel></rss>"
    }

    private func prepare(_ vigia: VigiaProcess, feeds names: [String]) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try manager.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        for name in names {
            try feedDocument(guid: "guid-\(name)")
                .write(to: vigia.feeds.appendingPathComponent("samples/\(name).rss"), atomically: true, encoding: .utf8)
            try #"{"id": "\#(name)", "url": "file:samples/\#(name).rss", "channel": "rss", "interval": "5m", "post_hosts": ["social.example"]}"#
                .write(to: vigia.feeds.appendingPathComponent("\(name).feed.json"), atomically: true, encoding: .utf8)
        }
    }

    private func mentionLines(_ vigia: VigiaProcess) throws -> [String] {
        let folder = vigia.alerts.appendingPathComponent("mentions")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.count == 16 && $0.hasSuffix(".jsonl") }
            .flatMap { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).split(separator: "\n") }
            .map(String.init)
    }

    private func laterSourceLines(_ vigia: VigiaProcess) -> [String] {
        let url = vigia.alerts.appendingPathComponent("mentions/sources.jsonl")
        return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func testTwoFeedsInOneRunMakeOneMentionWithBothSources() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        try prepare(vigia, feeds: ["search", "tag"])
        let run = try vigia.run(["--json", "--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try run.jsonObject()["new_mentions"] as? Int, 1, run.stdout)
        let lines = try mentionLines(vigia)
        XCTAssertEqual(lines.count, 1, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[0].contains(#""sources":["search","tag"]"#), lines[0])
        XCTAssertEqual(laterSourceLines(vigia), [])
    }

    func testASecondFeedInALaterRunAddsItsSourceOnce() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        try prepare(vigia, feeds: ["search"])
        XCTAssertEqual(try vigia.run(["--json", "--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        try prepare(vigia, feeds: ["search", "tag"])
        let second = try vigia.run(["--json", "--now", "2026-11-23T10:10:00Z", "poll"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try second.jsonObject()["new_mentions"] as? Int, 0, second.stdout)
        _ = try vigia.run(["--json", "--now", "2026-11-23T10:20:00Z", "poll"])

        let lines = try mentionLines(vigia)
        XCTAssertEqual(lines.count, 1, "still one mention: " + lines.joined(separator: "\n"))
        XCTAssertTrue(lines[0].contains(#""sources":["search"]"#), lines[0])
        let later = laterSourceLines(vigia)
        XCTAssertEqual(later.count, 1, "the tag feed's source, recorded once: " + later.joined(separator: "\n"))
        XCTAssertTrue(later.first?.contains(#""source":"tag""#) == true, later.joined())
        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        XCTAssertEqual(journal.split(separator: "\n").filter { $0.contains(#""kind":"filed""#) }.count, 1, journal)
    }
}
