import XCTest
@testable import ReputationCore

/// The word memo kept in a `ScoringScratch` changes no result: posts scored in a long run with one scratch (the
/// memo answering for words met before) score as each alone, and a scratch moved to other rules starts over.
final class WordMemoTests: XCTestCase {
    private let posts = [
        "El pedido no llega, llevo tres días esperando y nadie responde", "Muy buen servicio, gracias!",
        "no llega no llega NO LLEGA", "buenooo buenoo bueno", "jajaja jajajaja jaja",
        "Terrible service, never again", "I love it but the delivery was late", "estoy muy sad",
        "no es malo pero tampoco bueno", "#fail @tienda", "frustrante frustradísimo frustración", "¿es bueno?",
        "ojalá funcione bien", "not bad at all", "sin problemas",
    ]

    func testLongRunScoresAsEachPostAlone() {
        let scorer = SentimentTestRules.scorer
        var scratch = ScoringScratch()
        for round in 0..<4 {
            for (index, post) in posts.enumerated() {
                let hint = index % 3 == 0 ? "es" : index % 3 == 1 ? "en" : nil
                XCTAssertEqual(scorer.score(post, languageHint: hint, scratch: &scratch),
                               scorer.score(post, languageHint: hint), "round \(round): \(post)")
            }
        }
        XCTAssertTrue(scratch.memo.isActive, "the memo is set up after a few posts")
    }

    /// Each rule book scores more posts than the memo's warm-up before the scratch moves to the other, so the
    /// memo is active and filled when it moves: a memo that kept the first book's answers fails here.
    func testScratchMovedToOtherRulesStartsOver() throws {
        let plain = SentimentTestRules.scorer
        let branded = SentimentScorer(rules: try SentimentRules(contents: [
            "lexicon-es.tsv": "bueno\t-3\nservicio\t2\n",
        ]))
        var scratch = ScoringScratch()
        for round in 0..<3 {
            for scorer in [plain, branded] {
                for post in posts + posts {
                    XCTAssertEqual(scorer.score(post, languageHint: "es", scratch: &scratch),
                                   scorer.score(post, languageHint: "es"), "round \(round): \(post)")
                }
                XCTAssertTrue(scratch.memo.isActive, "the memo was in use before the switch")
            }
        }
        XCTAssertEqual(branded.score("bueno", languageHint: "es", scratch: &scratch).label, .negative)
        XCTAssertEqual(plain.score("bueno", languageHint: "es", scratch: &scratch).label, .positive)
    }
}
