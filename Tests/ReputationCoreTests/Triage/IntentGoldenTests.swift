import XCTest
@testable import ReputationCore

/// Golden intents: each intent in both languages, and the demo posts issue 15 names (a pre-sale question filed
/// as a late-delivery complaint, news and reviews filed as complaints, a journalist's thanks as a complaint).
final class IntentGoldenTests: XCTestCase {
    private let assessor = SentimentTestRules.assessor

    private func assess(_ text: String, author: String? = nil) -> Triage {
        var scratch = Assessor.Scratch()
        return assessor.assess(text, author: author, scratch: &scratch).1
    }

    func testEachIntentInBothLanguages() {
        let table: [(String, Intent)] = [
            ("Mi pedido no ha llegado y llevo dos semanas esperando. Quiero una solución ya", .complaint),
            ("Me cobraron dos veces el mismo pedido y nadie responde", .complaint),
            ("My order still hasn't arrived after three weeks and nobody answers my emails", .complaint),
            ("I was charged twice for the same order, please refund me", .complaint),
            ("¿Hacéis envíos a Canarias?", .question),
            ("¿Alguien sabe si la mesa viene montada?", .question),
            ("Does the sofa come assembled?", .question),
            ("Do you ship to Ireland?", .question),
            ("Me encanta la lámpara que compré, preciosa y llegó rapidísimo. ¡Gracias!", .praise),
            ("Qué maravilla de sábanas, repetiré seguro", .praise),
            ("Love my new armchair, great quality and fast delivery. Thanks!", .praise),
            ("The customer service agent was amazing, thank you so much", .praise),
            ("El Gobierno anuncia nuevas ayudas para el comercio electrónico en Madrid", .press),
            ("Study finds online furniture sales rose in Spain http://news.example/a/1", .press),
        ]
        for (text, expected) in table {
            XCTAssertEqual(assess(text).intent, expected, text)
        }
    }

    func testDemoPostsTheIssueNames() {
        let table: [(String, String?, Intent)] = [
            ("@casaalba.bsky.social ¿el sofá Nora viene montado o hay que montarlo? ¿Y se puede elegir el día de entrega?",
             "Mireia Pons mireia-pons.bsky.social", .question),
            ("@casaalba ¿hacéis envíos a Canarias?", "@javi_rdz", .question),
            ("¿Alguien sabe el horario de atención al cliente de #CasaAlba los domingos? En la web no lo pone por ningún lado",
             "Ramón Ferrer ramon_ferrer", .question),
            ("Casa Alba responde a las críticas por los retrasos en las entregas. La tienda online atribuye los retrasos "
                + "de noviembre a un pico de pedidos antes del Black Friday", "Diario del Comercio Digital", .press),
            ("Casa Alba opiniones 2026: ¿merece la pena comprar muebles online? Analizamos Casa Alba, la tienda online de "
                + "muebles y decoración", "Guía del Comprador", .press),
            ("Actualización: #CasaAlba me ha contestado rápido y con datos sobre los retrasos. El artículo sale el lunes. "
                + "Gracias a todas las que escribisteis 💛", "Lucía Arranz · interiores lucia_decora", .press),
            ("Estoy preparando un artículo sobre tiendas online de muebles y no paro de recibir quejas de retrasos en "
                + "#CasaAlba. Si os ha pasado, contadme", "Lucía Arranz · interiores lucia_decora", .press),
        ]
        for (text, author, expected) in table {
            let triage = assess(text, author: author)
            XCTAssertEqual(triage.intent, expected, text)
            XCTAssertFalse(triage.categories.contains("late_delivery"), "a topic word is not a complaint: \(text)")
        }
    }

    func testCategoriesOnlyWhereThePostComplainsOrAsks() {
        let praise = assess("La entrega fue rapidísima y el seguimiento perfecto, ¡gracias!")
        XCTAssertEqual(praise.intent, .praise)
        XCTAssertEqual(praise.categories, [])
        let press = assess("Casa Alba anuncia reembolsos automáticos tras los retrasos, según la empresa")
        XCTAssertEqual(press.intent, .press)
        XCTAssertEqual(press.categories, [])
        XCTAssertFalse(press.legalThreat)
        let table: [(String, String)] = [
            ("Me han cancelado el pedido sin avisar, qué vergüenza", "cancellation"),
            ("I want to cancel my order, it never shipped and nobody answers", "cancellation"),
            ("La agencia ha perdido mi paquete y nadie me dice nada", "lost"),
            ("My parcel went missing and the carrier says it was delivered", "lost"),
            ("La dependienta fue muy borde y maleducada conmigo", "service"),
            ("The staff at the store were rude and unhelpful", "service"),
        ]
        for (text, category) in table {
            let triage = assess(text)
            XCTAssertEqual(triage.intent, .complaint, text)
            XCTAssertTrue(triage.categories.contains(category), "\(text): \(triage.categories)")
        }
    }

    func testEmojiInsideAPhraseDoNotBreakIt() {
        let triage = assess("still :( waiting for my order")
        XCTAssertEqual(triage.intent, .complaint)
        XCTAssertEqual(triage.categories, ["late_delivery"])
    }

    func testIntentRulesAreCheckedAtLoad() {
        var files = [String: String]()
        for name in TriageRules.fileNames { files[name] = "" }
        files["intents.tsv"] = "complaint\tno_such_cue\t1\n"
        XCTAssertThrowsError(try TriageRules(contents: files)) { error in
            XCTAssertTrue("\(error)".contains("intents.tsv"), "\(error)")
            XCTAssertTrue("\(error)".contains("no_such_cue"), "\(error)")
        }
        files["intents.tsv"] = "rant\tbase\t1\n"
        XCTAssertThrowsError(try TriageRules(contents: files))
        files["intents.tsv"] = "complaint\tbase\tlots\n"
        XCTAssertThrowsError(try TriageRules(contents: files))
        files["intents.tsv"] = "praise\tbase\t1\n"
        XCTAssertEqual(try TriageRules(contents: files).intents.intent(for: IntentEvidence()), .praise)
    }
}
