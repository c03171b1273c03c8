import XCTest

/// Issues 13.2 and 13.3 through the binary: a forum thread's `?t=` is the post, and a feed that does not speak
/// for x.com cannot take an X post's identity and suppress it; a new text under a known identity is recorded.
final class IdentityAttackTests: XCTestCase {
    private func rss(_ items: [(link: String, guid: String, text: String)]) -> String {
        #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>"#
            + items.map {
                "<item><title>Casa Alba</title><link>\($0.link)</link><guid>\($0.guid)</guid>"
                    + "<description>\($0.text)</description><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>"
            }.joined() + "</channel></rss>"
    }

    private func feed(_ vigia: VigiaProcess, _ id: String, _ document: String, extra: String = "") throws {
        try document.write(to: vigia.feeds.appendingPathComponent("samples/\(id).rss"), atomically: true, encoding: .utf8)
        try #"{"id": "\#(id)", "url": "file:samples/\#(id).rss", "channel": "web", "interval": "5m"\#(extra)}"#
            .write(to: vigia.feeds.appendingPathComponent("\(id).feed.json"), atomically: true, encoding: .utf8)
    }

    private func emptyDemo() throws -> VigiaProcess {
        let vigia = try VigiaProcess.demo()
        for name in try FileManager.default.contentsOfDirectory(atPath: vigia.feeds.path) where name.hasSuffix(".feed.json") {
            try FileManager.default.removeItem(at: vigia.feeds.appendingPathComponent(name))
        }
        return vigia
    }

    private func mentions(_ vigia: VigiaProcess) throws -> String {
        try String(contentsOf: vigia.alerts.appendingPathComponent("mentions/2026-11-23.jsonl"), encoding: .utf8)
    }

    func testForumThreadsWithDifferentTAreTwoPosts() throws {
        let vigia = try emptyDemo()
        defer { vigia.remove() }
        try feed(vigia, "forum", rss([
            ("https://forum.example/viewtopic.php?t=101", "a", "Casa Alba: mi sofá llegó roto"),
            ("https://forum.example/viewtopic.php?t=202", "b", "Casa Alba: voy a poner una demanda, es una estafa"),
            ("https://reviews.example/r?ref=9001", "c", "Casa Alba reseña: pésimo servicio, no vuelvo"),
        ]), extra: #", "post_hosts": ["forum.example", "reviews.example"]"#)
        let run = try vigia.run(["--json", "--now", "2026-11-23T10:00:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try run.jsonObject()["new_mentions"] as? Int, 3, run.stdout)
        XCTAssertTrue(try mentions(vigia).contains("demanda"))
    }

    func testAFeedClaimingAVictimsURLCannotSuppressIt() throws {
        let vigia = try emptyDemo()
        defer { vigia.remove() }
        let victim = "https://x.com/victima/status/2124635289229068312"
        // First run: only the hostile feed, claiming the victim's URL with harmless text.
        try feed(vigia, "aaa-blog", rss([(victim + "?utm_source=x", "evil-1", "Casa Alba me encanta")]))
        XCTAssertEqual(try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        // Second run: the X search feed serves the real post at that URL.
        try feed(vigia, "x-search", rss([(victim, victim, "Casa Alba me cobró dos veces, voy a denunciar, estafa")]),
                 extra: #", "post_hosts": ["x.com"]"#)
        let run = try vigia.run(["--json", "--now", "2026-11-23T10:10:00Z", "poll"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try run.jsonObject()["new_mentions"] as? Int, 1, run.stdout)
        let recorded = try mentions(vigia)
        XCTAssertTrue(recorded.contains("denunciar"), recorded)
        let journal = try String(contentsOf: vigia.alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        XCTAssertTrue(journal.contains("denunciar") || journal.split(separator: "\n").contains { $0.contains(#""kind":"filed""#) }, journal)
    }

    func testADifferentTextUnderAKnownIdentityIsRecorded() throws {
        let vigia = try emptyDemo()
        defer { vigia.remove() }
        let link = "https://x.com/ana/status/1"
        try feed(vigia, "x-search", rss([(link, link, "Casa Alba, gracias por el envío")]), extra: #", "post_hosts": ["x.com"]"#)
        XCTAssertEqual(try vigia.run(["--now", "2026-11-23T10:00:00Z", "poll"]).status, 0)
        // Same text again (a counter changed): nothing new.
        try feed(vigia, "x-search", rss([(link, link, "Casa Alba, gracias por el envío 2")]), extra: #", "post_hosts": ["x.com"]"#)
        let same = try vigia.run(["--json", "--now", "2026-11-23T10:10:00Z", "poll"])
        XCTAssertEqual(try same.jsonObject()["new_mentions"] as? Int, 0, same.stdout)
        try feed(vigia, "x-search", rss([(link, link, "Casa Alba: el pedido nunca llegó, quiero mi reembolso")]), extra: #", "post_hosts": ["x.com"]"#)
        let edited = try vigia.run(["--json", "--now", "2026-11-23T10:20:00Z", "poll"])
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertEqual(try edited.jsonObject()["new_mentions"] as? Int, 1, edited.stdout)
        XCTAssertTrue(try mentions(vigia).contains("reembolso"))
        let again = try vigia.run(["--json", "--now", "2026-11-23T10:30:00Z", "poll"])
        XCTAssertEqual(try again.jsonObject()["new_mentions"] as? Int, 0, again.stdout)
    }
}
