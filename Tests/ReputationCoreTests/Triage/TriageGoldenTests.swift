import XCTest
@testable import ReputationCore

/// Golden tables for the triage rule sets: complaint categories, questions and private data, both languages.
final class TriageGoldenTests: XCTestCase {
    private let triager = SentimentTestRules.triager

    func testCategories() {
        let table: [(String, String, [String])] = [
            ("Mi pedido no llega, llevo días esperando", "es", ["late_delivery"]),
            ("Quiero el reembolso de mi devolución ya", "es", ["refund"]),
            ("Me han cobrado dos veces, doble cargo en la tarjeta", "es", ["billing"]),
            ("La lavadora vino defectuosa y no enciende", "es", ["defect"]),
            ("Nadie responde al teléfono, una hora en espera", "es", ["unreachable"]),
            ("Esto es una estafa, son unos ladrones", "es", ["fraud"]),
            ("La app da error al pagar", "es", ["website"]),
            ("Voy a poner una denuncia, ya hablé con mi abogado y con la OCU", "es", ["legal_threat"]),
            ("Lo llevo a Consumo", "es", ["legal_threat"]),
            ("My package hasn't arrived, still waiting", "en", ["late_delivery"]),
            ("A week later my order still hasn't shipped", "en", ["late_delivery"]),
            ("Llevamos una hora en el mostrador y nadie nos dice nada", "es", ["unreachable"]),
            ("I want a refund", "en", ["refund"]),
            ("I was charged twice this month", "en", ["billing"]),
            ("The screen arrived cracked and it stopped working", "en", ["defect"]),
            ("On hold for two hours, nobody answers", "en", ["unreachable"]),
            ("This store is a scam", "en", ["fraud"]),
            ("The website keeps crashing at checkout", "en", ["website"]),
            ("I'm contacting my lawyer", "en", ["legal_threat"]),
            ("Gracias, todo perfecto", "es", []),
            ("Thanks, all good", "en", []),
        ]
        for (text, language, expected) in table {
            XCTAssertEqual(Set(triager.patterns(text, language: language).categories), Set(expected), text)
        }
    }

    func testCategoriesCanCombineAndLegalThreatFlags() {
        let triage = triager.patterns("Me estafaron, el pedido no llegó y pondré una denuncia", language: "es")
        XCTAssertEqual(Set(triage.categories), ["fraud", "late_delivery", "legal_threat"])
        XCTAssertTrue(triage.legalThreat)
        var scratch = Assessor.Scratch()
        XCTAssertTrue(SentimentTestRules.assessor.assess("Me estafaron, el pedido no llegó y pondré una denuncia",
                                                         scratch: &scratch).1.isComplaint)
        XCTAssertFalse(triager.patterns("Todo bien", language: "es").legalThreat)
    }

    func testLanguageScopesPatterns() {
        XCTAssertEqual(triager.patterns("I want a refund", language: "es").categories, [])
        XCTAssertEqual(triager.patterns("I want a refund", language: "other").categories, ["refund"])
    }

    func testQuestions() {
        let table: [(String, String, Bool)] = [
            ("¿Cuándo llega mi pedido?", "es", true), ("cuando llega mi pedido", "es", true),
            ("Alguien sabe si abren hoy", "es", true), ("Me encanta la tienda", "es", false),
            ("Where is my order?", "en", true), ("does anyone know if they ship to Spain", "en", true),
            ("Great store", "en", false),
        ]
        for (text, language, expected) in table {
            XCTAssertEqual(triager.patterns(text, language: language).isQuestion, expected, text)
        }
    }

    func testPrivateData() {
        let table: [(String, [String], [String])] = [
            ("Escribidme a maria.lopez@gmail.com", ["email"], ["m***@gmail.com"]),
            ("Mi móvil es 612 345 678", ["phone"], ["6** *** *78"]),
            ("Llamadme al +34 612345678", ["phone"], ["+34 6******78"]),
            ("Mi tarjeta 4111 1111 1111 1111 tiene un cargo raro", ["card"], ["**** **** **** 1111"]),
            ("Número 4111 1111 1111 1112 (no pasa Luhn)", [], []),
            ("Mi DNI es 12345678Z", ["dni"], ["*****678Z"]),
            ("DNI 12345678A (letra mala)", [], []),
            ("NIE X1234567L", ["nie"], ["*****567L"]),
            ("Pedido 40512399, ¿dónde está?", ["order_number"], ["40****99"]),
            ("My order #112-3345566 never arrived", ["order_number"], ["11*-*****66"]),
            ("@usuario hola, nada privado aquí, 2024 fue un año", [], []),
        ]
        for (text, kinds, redacted) in table {
            let found = triager.patterns(text, language: "es").privateData
            XCTAssertEqual(found.map(\.kind), kinds, text)
            XCTAssertEqual(found.map(\.redacted), redacted, text)
        }
    }

    func testLuhn() {
        XCTAssertTrue(PrivateDataScanner.passesLuhn([4, 5, 3, 9, 1, 4, 8, 8, 0, 3, 4, 3, 6, 4, 6, 7]))
        XCTAssertFalse(PrivateDataScanner.passesLuhn([4, 5, 3, 9, 1, 4, 8, 8, 0, 3, 4, 3, 6, 4, 6, 8]))
    }

    func testScoreAndTriageInOnePass() {
        var scratch = Assessor.Scratch()
        let (sentiment, triage) = SentimentTestRules.assessor.assess(
            "Mi pedido no llega y nadie responde, ¿qué hago?", scratch: &scratch)
        XCTAssertEqual(sentiment.label, .negative)
        XCTAssertEqual(Set(triage.categories), ["late_delivery", "unreachable"])
        XCTAssertTrue(triage.isQuestion)
    }
}
