import Foundation
import XCTest

/// monitor.json's `brand.terms` and `languages` at work in real polls: a general feed (a search, a hashtag, any
/// URL feed) without keywords keeps only posts naming the brand, the brand's own streams (its mentions) keep every
/// post, a feed's `"match"` overrides either; `languages` picks the lexicons for `poll` and `score` alike.
final class BrandMatchTests: XCTestCase {
    /// Rewrites the demo's monitor.json with other brand terms (nil: the demo's) and languages (nil: the demo's).
    private func setBrandTerms(_ terms: [String]?, languages: [String]? = nil, in feeds: URL) throws {
        let file = feeds.appendingPathComponent("monitor.json")
        var root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        if let terms { root["brand"] = ["name": "Casa Alba", "terms": terms] }
        if let languages { root["languages"] = languages }
        try JSONSerialization.data(withJSONObject: root).write(to: file)
    }

    /// An RSS search feed with posts that name the brand as a word, a handle, a hashtag or a domain, and posts
    /// that only look alike.
    private func writeSearchFeed(_ id: String, extra: String = "", in feeds: URL) throws {
        let posts = [
            ("named", "Mi pedido de Casa Alba no llega"), ("handle", "@CasaAlba nadie responde"),
            ("hashtag", "Otra vez sin respuesta #casaalba"), ("domain", "La web casaalba.es da error 502"),
            ("lookalike", "Vendo casa albaricoque en el pueblo"), ("other", "Qué buen tiempo hace hoy"),
        ]
        let items = posts.map { id, text in
            "<item><guid>https://search.example/\(id)</guid><title>\(text)</title>"
                + "<pubDate>Sun, 22 Nov 2026 18:00:00 +0000</pubDate></item>"
        }.joined()
        let rss = #"<?xml version="1.0"?><rss version="2.0"><channel><title>search</title>"# + items + "</channel></rss>"
        try Data(rss.utf8).write(to: feeds.appendingPathComponent("samples/\(id).rss"))
        try Data(#"{"id": "\#(id)", "url": "file:samples/\#(id).rss", "format": "rss"\#(extra)}"#.utf8)
            .write(to: feeds.appendingPathComponent("\(id).feed.json"))
    }

    /// The mention records of alerts/mentions/ (mention, sentiment, triage).
    private func records(_ vigia: VigiaProcess) throws -> [[String: Any]] {
        let folder = vigia.alerts.appendingPathComponent("mentions")
        var records: [[String: Any]] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".jsonl") {
            for line in try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n") {
                if let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { records.append(record) }
            }
        }
        return records
    }

    private func recordedURLs(_ vigia: VigiaProcess) throws -> Set<String> {
        Set(try records(vigia).compactMap { ($0["mention"] as? [String: Any])?["url"] as? String })
    }

    func testAGeneralFeedKeepsPostsNamingTheBrandAndMatchAllKeepsEvery() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        try writeSearchFeed("search", in: vigia.feeds)
        try writeSearchFeed("everything", extra: #", "match": "all""#, in: vigia.feeds)
        let poll = try vigia.run(["--now", "2026-11-22T20:00:00Z", "poll"])
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let urls = try recordedURLs(vigia)
        for id in ["named", "handle", "hashtag", "domain"] {
            XCTAssertTrue(urls.contains("https://search.example/\(id)"), "a post naming the brand (\(id)) is a mention")
        }
        // Both feeds read the same post URLs (one post, one mention): what decides is that the "match": "all" feed
        // brings in the two posts the search feed leaves out.
        XCTAssertTrue(urls.contains("https://search.example/lookalike"), "\"match\": \"all\" keeps every post")
        XCTAssertTrue(urls.contains("https://search.example/other"))

        // Without the "all" feed, the look-alike and the unrelated post are not mentions.
        let alone = try VigiaProcess.demo()
        defer { alone.remove() }
        try writeSearchFeed("search", in: alone.feeds)
        XCTAssertEqual(try alone.run(["--now", "2026-11-22T20:00:00Z", "poll"]).status, 0)
        let kept = try recordedURLs(alone).filter { $0.hasPrefix("https://search.example/") }
        XCTAssertEqual(kept, Set(["named", "handle", "hashtag", "domain"].map { "https://search.example/\($0)" }))
    }

    func testTheDemoKeepsEveryPostItKeptBefore() throws {
        // The demo's four feeds without keywords are general ones (an X search, a hashtag timeline, a Bluesky and
        // a Reddit search): every post in them names Casa Alba (Reddit comments through their thread's title).
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let demo = try vigia.run(["--json", "--now", "2026-11-22T23:00:00Z", "poll"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let everything = try VigiaProcess.demo()
        defer { everything.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: everything.feeds.path) where name.hasSuffix(".feed.json") {
            let file = everything.feeds.appendingPathComponent(name)
            var feed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            if feed["keywords"] == nil { feed["match"] = "all" }
            try JSONSerialization.data(withJSONObject: feed).write(to: file)
        }
        let all = try everything.run(["--json", "--now", "2026-11-22T23:00:00Z", "poll"])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(try demo.jsonObject()["new_mentions"] as? Int, 104)
        XCTAssertEqual(try recordedURLs(vigia), try recordedURLs(everything))
        XCTAssertEqual(try demo.jsonObject()["tasks_filed"] as? Int, try all.jsonObject()["tasks_filed"] as? Int)
    }

    func testTheBrandsOwnMentionsKeepEveryPostAndAHashtagOnlyThoseNamingTheBrand() throws {
        let token = MastodonSourceTests.token
        let server = try NetworkServer(script: NetworkScripts.mastodon, arguments: [token, "read", "20", "1000"])
        defer { server.stop() }
        let feed = ##"{"id": "masto", "source": "mastodon", "instance": "\##(server.address)", "token": "${MASTODON_TOKEN}", "##
            + ##""hashtags": ["#CasaAlba"], "mentions": true, "interval": "1m"}"##
        let space = try SourceWorkspace(feeds: ["masto": feed])
        defer { space.vigia.remove() }
        // The server's posts all say "Casa Alba": with brand terms they do not hold, none of them names the brand.
        try setBrandTerms(["Zapatería Luna", "@zapaterialuna"], in: space.vigia.feeds)
        try server.send(["add": 3, "tag": "CasaAlba"])
        try server.send(["mention": 2])
        let poll = try space.poll(0, environment: ["MASTODON_TOKEN": token])
        XCTAssertEqual(poll.status, 0, poll.stderr)
        XCTAssertEqual(space.recordedIDs().count, 2, "the account's mentions are kept, the hashtag's posts are not")

        // "match": "all" on the feed keeps the hashtag's posts too (new ones: the cursor has moved past the first).
        try feed.replacingOccurrences(of: #""interval": "1m"}"#, with: #""interval": "1m", "match": "all"}"#)
            .write(to: space.vigia.feeds.appendingPathComponent("masto.feed.json"), atomically: true, encoding: .utf8)
        try server.send(["add": 2, "tag": "CasaAlba"])
        XCTAssertEqual(try space.poll(1, environment: ["MASTODON_TOKEN": token]).status, 0)
        XCTAssertEqual(space.recordedIDs().count, 4)
    }

    func testLanguagesPickTheLexiconsForPollAndScoreAlike() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let line = #"{"id": 1, "text": "Casa Alba: awful service, I hate this shop"}"# + "\n"
        let both = try vigia.run(["score"], stdin: line)
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertEqual(try both.jsonLines().first?["lang"] as? String, "en")
        XCTAssertEqual(try both.jsonLines().first?["label"] as? String, "neg")

        try setBrandTerms(nil, languages: ["es"], in: vigia.feeds)
        let spanish = try vigia.run(["score"], stdin: line)
        XCTAssertEqual(spanish.status, 0, spanish.stderr)
        XCTAssertEqual(try spanish.jsonLines().first?["lang"] as? String, "other", "English is not read with [\"es\"]")
        XCTAssertEqual(try spanish.jsonLines().first?["label"] as? String, "neu")

        // The poll reads the same way: no demo post is English any more, and the Spanish ones still are Spanish.
        let poll = try vigia.run(["--now", "2026-11-22T23:00:00Z", "poll"])
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let languages = try records(vigia).compactMap { ($0["sentiment"] as? [String: Any])?["language"] as? String }
        XCTAssertEqual(languages.count, 104)
        XCTAssertFalse(languages.contains("en"), "\(languages)")
        XCTAssertGreaterThan(languages.filter { $0 == "es" }.count, 60)
        XCTAssertGreaterThanOrEqual(languages.filter { $0 == "other" }.count, 3, "the demo's English posts")
    }

    func testAnUnknownLanguageIsAConfigurationError() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        try setBrandTerms(nil, languages: ["es", "pt"], in: vigia.feeds)
        for command in [["poll"], ["score"]] {
            let run = try vigia.run(command, stdin: "hola\n")
            XCTAssertEqual(run.status, 65, run.stderr)
            XCTAssertTrue(run.stderr.contains("monitor.json") && run.stderr.contains("languages") && run.stderr.contains("pt"),
                          run.stderr)
        }
    }
}
