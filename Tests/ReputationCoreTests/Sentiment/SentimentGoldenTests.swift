import XCTest
@testable import ReputationCore

/// Golden tables, one per rule, in Spanish and English: each row is a post and the label it must get.
final class SentimentGoldenTests: XCTestCase {
    private let scorer = SentimentTestRules.scorer

    private func assertLabels(_ table: [(String, Sentiment.Label)], file: StaticString = #filePath, line: UInt = #line) {
        for (text, expected) in table {
            let sentiment = scorer.score(text)
            XCTAssertEqual(sentiment.label, expected, "\(text) → \(sentiment.score) \(sentiment.terms)", file: file, line: line)
        }
    }

    private func score(_ text: String) -> Double { scorer.score(text).score }

    func testPlainLexicon() {
        assertLabels([
            ("El servicio es excelente", .positive), ("Pésimo servicio, una estafa", .negative),
            ("Mi pedido no llega y nadie responde", .negative), ("Llevo tres días esperando el reembolso", .negative),
            ("Great service, thanks!", .positive), ("Still waiting for my refund, on hold for an hour", .negative),
            ("They lost my luggage again", .negative), ("Mañana abrimos a las nueve", .neutral),
            ("The store opens at nine tomorrow", .neutral),
        ])
    }

    /// Faults that keep coming back and customers about to leave read as complaints.
    func testRepeatedFaultsAndChurn() {
        assertLabels([
            ("After the update my phone keeps restarting", .negative), ("Cancel my account, done with you", .negative),
            ("Quiero darme de baja ya", .negative), ("El router se reinicia solo cada hora", .negative),
        ])
    }

    func testNegation() {
        assertLabels([
            ("El producto es bueno", .positive), ("El producto no es bueno", .negative),
            ("No me gusta nada", .negative), ("Nunca funcionó bien", .negative), ("Funcionó sin problemas", .positive),
            ("Jamás volveré a comprar aquí", .negative),
            ("The product is good", .positive), ("The product is not good", .negative),
            ("It doesn't work well", .negative), ("This isn't great", .negative), ("It no longer works", .negative),
        ])
        XCTAssertLessThan(score("no es malo"), 0.5, "a negated negative is faint praise at most")
        XCTAssertGreaterThan(score("no es malo"), score("es malo"))
    }

    func testContrastAndConcession() {
        assertLabels([
            ("Bonito diseño pero llegó roto y nadie responde", .negative),
            ("Tardó un poco, pero el producto es excelente", .positive),
            ("Aunque tardó en llegar, el producto es excelente", .positive),
            ("Nice design but it broke after two days", .negative),
            ("Shipping was slow, however the product is excellent", .positive),
            ("Although it was cheap, it is useless", .negative),
        ])
    }

    func testIntensifiersAndDiminishers() {
        XCTAssertGreaterThan(score("muy bueno"), score("bueno"))
        XCTAssertGreaterThan(score("súper bueno"), score("bueno"))
        XCTAssertLessThan(score("demasiado lento"), score("lento"))
        XCTAssertLessThan(abs(score("algo lento")), abs(score("lento")))
        XCTAssertLessThan(abs(score("poco útil")), abs(score("útil")) + 1, "diminisher does not add")
        XCTAssertGreaterThan(score("very good"), score("good"))
        XCTAssertLessThan(score("so bad"), score("bad"))
        XCTAssertLessThan(score("barely good"), score("good"))
    }

    func testEmphasis() {
        XCTAssertLessThan(score("el servicio es MALO"), score("el servicio es malo"), "CAPS")
        XCTAssertLessThan(score("malísimooo"), score("malísimo"), "elongation")
        XCTAssertEqual(scorer.score("malísimooo").label, .negative)
        XCTAssertLessThan(score("es malo!!!"), score("es malo"), "exclamations")
        XCTAssertGreaterThan(score("it was goooood"), 0.2)
        XCTAssertTrue(scorer.score("es malo!!!").terms.contains { $0.text == "!!!" })
    }

    func testEmojiAndEmoticons() {
        assertLabels([
            ("😡", .negative), ("😍", .positive), ("👍", .positive), ("💔", .negative), ("llegó hoy 😊", .positive),
            ("otra vez sin luz :(", .negative), ("listo :)", .positive), ("gracias <3", .positive),
            ("nice one 👏👏", .positive), ("thanks for nothing 🙄", .negative), ("genial... ¬¬", .negative),
            ("my order :-(", .negative), ("jajaja qué bueno", .positive), ("thumbs up 👍🏽", .positive),
        ])
    }

    func testFoldingMentionsHashtagsAndURLs() {
        XCTAssertEqual(score("PESIMO servicio"), score("PÉSIMO servicio"), accuracy: 1e-9)
        XCTAssertEqual(score("pesimo servicio"), score("pésimo servicio"), accuracy: 1e-9)
        XCTAssertEqual(scorer.score("@malo hola").label, .neutral, "a handle is a name, not a judgement")
        XCTAssertEqual(scorer.score("https://example.com/terrible-horrible").label, .neutral, "URLs are skipped")
        XCTAssertEqual(scorer.score("otra vez #fail").label, .negative, "a hashtag's word counts")
        XCTAssertEqual(scorer.score("don't like it").label, scorer.score("dont like it").label)
    }

    func testRegionalAndSlang() {
        assertLabels([
            ("Me sigo sintiendo re agotada", .negative), ("Estoy malita de la gripa", .negative),
            ("Qué chido quedó", .positive), ("Está bacán el lugar", .positive), ("Qué guay, me mola", .positive),
            ("Pura vida mae", .positive), ("Qué mala onda el servicio", .negative), ("Estoy hasta la madre", .negative),
        ])
    }

    func testSarcasmCues() {
        assertLabels([
            ("Genial, otra vez sin luz. Nótese el sarcasmo", .negative),
            ("Yeah right, great service", .negative),
            ("Gracias por nada", .negative),
        ])
    }

    func testLanguageDetection() {
        XCTAssertEqual(scorer.score("El pedido no ha llegado todavía").language, "es")
        XCTAssertEqual(scorer.score("My order has not arrived yet").language, "en")
        XCTAssertEqual(scorer.score("Pésimo servicio").language, "es")
        XCTAssertEqual(scorer.score("Terrible service, never again").language, "en")
        XCTAssertEqual(scorer.score("12345 67890").language, "other")
        XCTAssertEqual(scorer.score("12345", languageHint: "es").language, "es")
        let mixed = scorer.score("estoy muy sad porque my order is late")
        XCTAssertEqual(mixed.label, .negative)
    }

    func testTermsExplainTheScore() {
        let sentiment = scorer.score("No me gusta, el pedido llegó roto")
        XCTAssertEqual(sentiment.label, .negative)
        XCTAssertTrue(sentiment.terms.contains { $0.text == "roto" && $0.weight < 0 }, "\(sentiment.terms)")
        let negated = scorer.score("The app is not good")
        XCTAssertTrue(negated.terms.contains { $0.text == "not good" && $0.weight < 0 }, "\(negated.terms)")
        let sum = sentiment.terms.reduce(0) { $0 + $1.weight }
        XCTAssertLessThan(sum, 0)
        XCTAssertTrue((-1...1).contains(sentiment.score))
    }

    func testScoreStaysInRangeOnHostileInput() {
        let long = String(repeating: "terrible horrible pésimo!!! ", count: 500)
        for text in [long, "", "   ", "!!!???", "\u{0}\u{1}", "😡😡😡😡😡😡😡😡", String(repeating: "a", count: 10_000), "é\u{301}"] {
            let sentiment = scorer.score(text)
            XCTAssertTrue((-1...1).contains(sentiment.score), text)
        }
    }
}
