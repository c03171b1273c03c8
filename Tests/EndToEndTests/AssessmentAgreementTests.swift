import Foundation
import ReputationCore
import XCTest

/// `vigia poll` and `vigia score` assess through one `Assessor`: on every golden post (the demo's, and the
/// sentiment and triage golden texts served through a feed of their own) both give the same label, score,
/// intent, categories and question flag.
final class AssessmentAgreementTests: XCTestCase {
    /// Golden texts beyond the demo's: the one that used to disagree first.
    static let golden = [
        "still :( waiting for my order",
        "Mi pedido no llega, llevo días esperando 😡",
        "Quiero el reembolso de mi devolución ya",
        "Me han cobrado dos veces, doble cargo en la tarjeta",
        "La lavadora vino defectuosa y no enciende :-(",
        "Nadie responde al teléfono, una hora en espera",
        "Voy a poner una denuncia, ya hablé con mi abogado y con la OCU",
        "My package hasn't arrived, still waiting 😤",
        "I was charged twice this month",
        "The website keeps crashing at checkout :/",
        "¿Hacéis envíos a Canarias?",
        "Does the sofa come assembled?",
        "Gracias, todo perfecto 😍",
        "Thanks, all good :)",
        "El Gobierno anuncia nuevas ayudas para el comercio electrónico",
    ]

    func testPollAndScoreAgreeOnEveryGoldenPost() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        try writeGoldenFeed(in: vigia.feeds)
        let poll = try vigia.run(["--now", "2026-11-22T20:00:00Z", "poll"])
        XCTAssertEqual(poll.status, 0, poll.stderr)
        let polled = try recordedMentions(in: vigia.alerts)
        XCTAssertGreaterThan(polled.count, 100, "the demo's posts and the golden ones")
        for text in Self.golden {
            XCTAssertTrue(polled.contains { $0.mention.fullText == text }, "golden post polled: \(text)")
        }
        var input = ""
        for (index, assessed) in polled.enumerated() {
            let line: [String: Any] = [
                "id": index, "text": assessed.mention.fullText, "author": Assessor.authorText(of: assessed.mention),
            ]
            input += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
        }
        let score = try vigia.run(["score"], stdin: input)
        XCTAssertEqual(score.status, 0, score.stderr)
        let lines = try score.jsonLines()
        XCTAssertEqual(lines.count, polled.count)
        for (line, assessed) in zip(lines, polled) {
            let text = assessed.mention.fullText
            XCTAssertEqual(line["label"] as? String, assessed.sentiment.label.rawValue, text)
            XCTAssertEqual(line["score"] as? Double ?? .nan, assessed.sentiment.score, accuracy: 0.0005, text)
            XCTAssertEqual(line["intent"] as? String, assessed.triage.intent.rawValue, text)
            XCTAssertEqual(line["categories"] as? [String], assessed.triage.categories, text)
            XCTAssertEqual(line["question"] as? Bool, assessed.triage.isQuestion, text)
        }
        let first = try XCTUnwrap(polled.first { $0.mention.fullText == Self.golden[0] })
        XCTAssertEqual(first.triage.intent, .complaint)
        XCTAssertEqual(first.triage.categories, ["late_delivery"])
    }

    /// A JSON Feed in the demo's samples with the golden texts, and its feed file.
    private func writeGoldenFeed(in feeds: URL) throws {
        let items: [[String: Any]] = Self.golden.enumerated().map { index, text in
            ["id": "golden-\(index)", "content_text": text, "date_published": "2026-11-22T18:00:00Z",
             "url": "https://golden.example/\(index)", "authors": [["name": "Golden \(index)"]]]
        }
        let feed: [String: Any] = ["version": "https://jsonfeed.org/version/1.1", "title": "golden", "items": items]
        try JSONSerialization.data(withJSONObject: feed).write(to: feeds.appendingPathComponent("samples/golden.json"))
        // "match": "all": the golden texts do not name the brand, and this feed is here to deliver every one of them.
        try Data(#"{"id": "golden", "url": "file:samples/golden.json", "format": "jsonfeed", "channel": "blog", "match": "all"}"#.utf8)
            .write(to: feeds.appendingPathComponent("golden.feed.json"))
    }

    private func recordedMentions(in alerts: URL) throws -> [AssessedMention] {
        let folder = alerts.appendingPathComponent("mentions")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var mentions: [AssessedMention] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasPrefix("2") && name.hasSuffix(".jsonl") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                mentions.append(try decoder.decode(AssessedMention.self, from: Data(line.utf8)))
            }
        }
        return mentions
    }
}
