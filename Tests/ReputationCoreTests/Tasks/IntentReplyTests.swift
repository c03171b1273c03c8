import Foundation
import XCTest
@testable import ReputationCore

/// Replies that answer what the post is (issue 15): a complaint's category gives the next step, a question gets
/// the FAQ's answer or "we'll find out", praise is thanked, press goes to the press contact without an apology or
/// an order number; press tasks reach the press level of the ladder at once.
final class IntentReplyTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    static let faqText = """
        # test FAQ
        ? envi* canarias | envi* islas
        = Sí, enviamos a Canarias en 10 a 12 días laborables.
        ? montad* | montar*
        = Los sofás llegan en dos piezas; solo hay que enroscar las patas.
        """

    private func settings() throws -> TaskSettings {
        var settings = TaskFixtures.settings()
        settings.faqs = ["es": try FAQ.parse(Self.faqText, file: "faq.es.txt")]
        settings.ladder.append(LadderLevel(name: "press office", after: 4 * 3600, emails: ["prensa@example.com"], press: true))
        return settings
    }

    private func file(_ assessed: AssessedMention) throws -> ResponseTask {
        var book = TaskBook()
        _ = TaskFixtures.file([assessed], into: &book, settings: try settings(), now: now)
        return try XCTUnwrap(book.tasks.first, "a task for \(assessed.mention.text)")
    }

    private static let apologies = ["sentimos", "siento", "lamentamos", "sorry"]

    func testComplaintRepliesGiveTheCategorysNextStep() throws {
        let refund = try file(TaskFixtures.assessed(id: "r", text: "Sigo sin el reembolso", categories: ["refund"], postedAt: now))
        XCTAssertTrue(refund.suggestedReply.contains("reembolso"), refund.suggestedReply)
        XCTAssertTrue(refund.suggestedReply.contains("número de pedido") || refund.suggestedReply.contains("datos del pedido"),
                      refund.suggestedReply)
        let late = try file(TaskFixtures.assessed(id: "l", text: "No llega", categories: ["late_delivery"], postedAt: now))
        XCTAssertTrue(late.suggestedReply.contains("agencia"), late.suggestedReply)
        let defect = try file(TaskFixtures.assessed(id: "d", text: "Llegó roto", categories: ["defect"], postedAt: now))
        XCTAssertTrue(defect.suggestedReply.contains("sustitución") || defect.suggestedReply.contains("recogida"),
                      defect.suggestedReply)
        XCTAssertNotEqual(refund.suggestedReply.split(separator: ".").dropFirst().first,
                          late.suggestedReply.split(separator: ".").dropFirst().first, "different next steps")
        XCTAssertEqual(refund.intent, .complaint)
    }

    func testQuestionsAreAnsweredFromTheFAQOrPromisedAnAnswer() throws {
        let answered = try file(TaskFixtures.assessed(
            id: "q1", text: "¿Hacéis envíos a Canarias?", label: .neutral, question: true, postedAt: now))
        XCTAssertTrue(answered.suggestedReply.contains("enviamos a Canarias"), answered.suggestedReply)
        let assembly = try file(TaskFixtures.assessed(
            id: "q2", text: "¿El sofá viene montado?", label: .neutral, question: true, postedAt: now))
        XCTAssertTrue(assembly.suggestedReply.contains("enroscar las patas"), assembly.suggestedReply)
        let unknown = try file(TaskFixtures.assessed(
            id: "q3", text: "¿Tenéis tarjetas regalo?", label: .neutral, question: true, postedAt: now))
        XCTAssertTrue(unknown.suggestedReply.contains("averiguamos") || unknown.suggestedReply.contains("consultamos"),
                      unknown.suggestedReply)
        for task in [answered, assembly, unknown] {
            XCTAssertFalse(Self.apologies.contains { task.suggestedReply.lowercased().contains($0) }, task.suggestedReply)
            XCTAssertEqual(task.priority, .question)
        }
    }

    func testPraiseIsThankedAndPressGoesToThePressContact() throws {
        let praise = try file(TaskFixtures.assessed(
            id: "p", text: "Me encanta la lámpara", label: .positive, intent: .praise, postedAt: now))
        XCTAssertTrue(praise.suggestedReply.contains("Gracias") || praise.suggestedReply.contains("gracias"),
                      praise.suggestedReply)
        let press = try file(TaskFixtures.assessed(
            id: "n", text: "Casa Alba responde a las críticas", channel: "blog", handle: nil, name: "Diario del Comercio",
            label: .neutral, intent: .press, postedAt: now))
        XCTAssertTrue(press.suggestedReply.contains("prensa") || press.suggestedReply.contains("comunicación"),
                      press.suggestedReply)
        XCTAssertTrue(press.suggestedReply.hasPrefix("Hola Diario del Comercio"), press.suggestedReply)
        for task in [praise, press] {
            XCTAssertFalse(Self.apologies.contains { task.suggestedReply.lowercased().contains($0) }, task.suggestedReply)
            XCTAssertFalse(task.suggestedReply.contains("pedido"), "no order number: \(task.suggestedReply)")
        }
        var book = TaskBook()
        let settings = try settings()
        _ = TaskFixtures.file([TaskFixtures.assessed(
            id: "n", text: "Casa Alba responde", label: .neutral, intent: .press, postedAt: now)],
            into: &book, settings: settings, now: now)
        let decisions = Escalation.due(book: book, settings: settings, now: now)
        XCTAssertEqual(decisions.map(\.event.level), [3], "the press office at once, not the complaint ladder")
        XCTAssertEqual(decisions.first?.notices.map(\.target), ["prensa@example.com"])
    }

    func testOverdueComplaintsSkipThePressContact() throws {
        var book = TaskBook()
        let settings = try settings()
        _ = TaskFixtures.file([TaskFixtures.assessed(id: "c", text: "No llega", categories: ["late_delivery"], postedAt: now)],
                              into: &book, settings: settings, now: now)
        let late = now.addingTimeInterval(10 * 3600)
        let levels = Escalation.due(book: book, settings: settings, now: late).compactMap(\.event.level)
        XCTAssertEqual(levels, [0, 1, 2])
    }

    func testRedditRepliesGreetTheUser() throws {
        let task = try file(TaskFixtures.assessed(
            id: "rd", text: "¿Envían a Canarias?", channel: "reddit", handle: "guanche_en_la_nube", name: nil,
            label: .neutral, question: true, postedAt: now))
        XCTAssertTrue(task.suggestedReply.contains("u/guanche_en_la_nube"), task.suggestedReply)
        XCTAssertFalse(task.suggestedReply.contains("@"), task.suggestedReply)
    }

    func testFAQFilesAreCheckedAndMatchWordsInAnyOrder() throws {
        let faq = try FAQ.parse(Self.faqText, file: "faq.es.txt")
        XCTAssertNotNil(faq.answer(for: "¿Las islas Canarias, enviáis allí?"))
        XCTAssertNotNil(faq.answer(for: "ENVIOS a CANARIAS???"))
        XCTAssertNil(faq.answer(for: "¿Enviáis a Portugal?"))
        let bad: [(String, Int)] = [
            ("= respuesta sin pregunta", 1), ("? envio\n", 1), ("texto suelto", 1), ("? a*\n= x", 1),
            ("? envio\n= Borrad ese tuit", 2),
        ]
        for (text, line) in bad {
            XCTAssertThrowsError(try FAQ.parse(text, file: "faq.es.txt"), text) { error in
                XCTAssertTrue("\(error)".contains("faq.es.txt"), "\(error)")
                if case let .invalidTemplate(_, errorLine, _) = error as? TaskError { XCTAssertEqual(errorLine, line, text) }
            }
        }
    }
}
