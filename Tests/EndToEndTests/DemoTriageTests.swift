import Foundation
import XCTest

/// The demo's inbox as issue 15 found it noisy: pre-sale questions, news, reviews and a journalist's thanks are
/// filed as what they are, with replies that fit (the FAQ's answer, no apology to the press, thanks for praise,
/// u/name on Reddit), and `report` counts each intent.
final class DemoTriageTests: XCTestCase {
    func testDemoPostsAreFiledAsWhatTheyAreWithFittingReplies() throws {
        let vigia = try VigiaProcess.demo()
        defer { vigia.remove() }
        let now = "2026-11-23T23:00:00Z"
        XCTAssertEqual(try vigia.run(["--now", now, "poll"]).status, 0)
        let tasks = try vigia.run(["--json", "--now", now, "alerts", "--all"]).jsonLines()
        func task(_ fragment: String) throws -> [String: Any] {
            try XCTUnwrap(tasks.first { ($0["text"] as? String)?.contains(fragment) == true }, fragment)
        }
        func reply(_ task: [String: Any]) -> String { task["suggested_reply"] as? String ?? "" }
        let apologies = ["sentimos", "siento", "lamentamos", "sorry"]

        let nora = try task("¿el sofá Nora viene montado o hay que montarlo?")
        XCTAssertEqual(nora["intent"] as? String, "question")
        XCTAssertTrue(reply(nora).contains("enroscar las patas"), "answered from faq.es.txt: \(reply(nora))")
        XCTAssertFalse(reply(nora).contains("número de pedido"), reply(nora))
        let sunday = try task("horario de atención al cliente de #CasaAlba los domingos")
        XCTAssertEqual(sunday["intent"] as? String, "question")
        XCTAssertTrue(reply(sunday).contains("domingos"), reply(sunday))

        for fragment in ["Casa Alba responde a las críticas", "Casa Alba opiniones 2026", "me ha contestado rápido"] {
            let press = try task(fragment)
            XCTAssertEqual(press["intent"] as? String, "press", fragment)
            XCTAssertEqual(press["priority"] as? String, "press", fragment)
            XCTAssertFalse(apologies.contains { reply(press).lowercased().contains($0) }, reply(press))
            XCTAssertFalse(reply(press).contains("pedido"), "no order number asked of the press: \(reply(press))")
        }
        let praise = try task("Compré unas sábanas en Casa Alba por probar")
        XCTAssertEqual(praise["intent"] as? String, "praise")
        XCTAssertTrue(reply(praise).contains("Gracias") || reply(praise).contains("gracias"), reply(praise))
        let refund = try task("Devolví una cómoda a Casa Alba el 16 de octubre")
        XCTAssertEqual(refund["intent"] as? String, "complaint")
        XCTAssertTrue(reply(refund).contains("u/Kelpie_Norte"), reply(refund))
        XCTAssertTrue(reply(refund).contains("reembolso"), "the refund's next step: \(reply(refund))")
        XCTAssertFalse(tasks.contains { ($0["suggested_reply"] as? String)?.contains("@u/") == true })

        let report = try vigia.run(["--json", "--now", now, "report", "--format", "json", "--since", "7d"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let intents = try XCTUnwrap(object["intents"] as? [[String: Any]])
        XCTAssertEqual(intents.compactMap { $0["intent"] as? String }, ["complaint", "question", "praise", "press", "other"])
        for row in intents where row["intent"] as? String != "other" {
            XCTAssertGreaterThan(row["mentions"] as? Int ?? 0, 0, "\(row)")
        }
        XCTAssertEqual(intents.last?["tasks"] as? Int, 0, "other posts file no task")
    }
}
