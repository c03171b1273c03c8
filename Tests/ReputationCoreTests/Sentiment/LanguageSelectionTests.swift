import Foundation
import XCTest

@testable import ReputationCore

/// monitor.json's `languages` picks the lexicons: with `["es"]` only Spanish is told apart and scored (an English
/// post is "other", scored with the Spanish lexicon alone, so English words carry nothing); with `["en"]` the same
/// the other way; with both, as before. The per-language triage cues follow the same choice.
final class LanguageSelectionTests: XCTestCase {
    private static let both = try! Assessor.load()
    private static let spanish = try! Assessor.load(languages: ["es"])
    private static let english = try! Assessor.load(languages: ["en"])

    private func assess(_ assessor: Assessor, _ text: String) -> (Sentiment, Triage) {
        var scratch = Assessor.Scratch()
        return assessor.assess(text, scratch: &scratch)
    }

    func testSpanishOnlyScoresWithTheSpanishLexiconAlone() {
        let english = "Awful service, I hate this shop, worst purchase ever"
        let (withBoth, _) = assess(Self.both, english)
        XCTAssertEqual(withBoth.language, "en")
        XCTAssertEqual(withBoth.label, .negative)
        let (spanishOnly, _) = assess(Self.spanish, english)
        XCTAssertEqual(spanishOnly.language, "other", "English is not detected when only Spanish is configured")
        XCTAssertEqual(spanishOnly.label, .neutral, "English words are not in the Spanish lexicon: \(spanishOnly.terms)")
        XCTAssertTrue(spanishOnly.terms.isEmpty, "\(spanishOnly.terms)")
    }

    func testSpanishPostsScoreTheSameWithOrWithoutEnglish() {
        for text in ["Pésimo servicio, el pedido no llega y nadie responde 😡", "Gracias, todo perfecto, muy contenta",
                     "¿Hacéis envíos a Canarias?", "Me han cobrado dos veces"] {
            let (withBoth, triageBoth) = assess(Self.both, text)
            let (spanishOnly, triageSpanish) = assess(Self.spanish, text)
            XCTAssertEqual(spanishOnly.language, "es", text)
            XCTAssertEqual(spanishOnly.label, withBoth.label, text)
            XCTAssertEqual(spanishOnly.score, withBoth.score, accuracy: 1e-9, text)
            XCTAssertEqual(triageSpanish.intent, triageBoth.intent, text)
            XCTAssertEqual(triageSpanish.categories, triageBoth.categories, text)
        }
    }

    func testEnglishOnlyIgnoresSpanishMarksAndWords() {
        let (withBoth, _) = assess(Self.both, "Pésimo servicio, qué desastre")
        XCTAssertEqual(withBoth.language, "es")
        XCTAssertEqual(withBoth.label, .negative)
        let (englishOnly, _) = assess(Self.english, "Pésimo servicio, qué desastre")
        XCTAssertEqual(englishOnly.language, "other")
        XCTAssertEqual(englishOnly.label, .neutral, "\(englishOnly.terms)")
        let (post, _) = assess(Self.english, "Terrible service, I hate it")
        XCTAssertEqual(post.language, "en")
        XCTAssertEqual(post.label, .negative)
    }

    func testALanguageHintOfAnUnconfiguredLanguageCountsForNothing() {
        var scratch = Assessor.Scratch()
        let (sentiment, _) = Self.spanish.assess("ok", languageHint: "en", scratch: &scratch)
        XCTAssertNotEqual(sentiment.language, "en")
    }

    func testTriageCuesOfAnUnconfiguredLanguageAreNotUsed() {
        let text = "I was charged twice this month"
        let (_, withBoth) = assess(Self.both, text)
        XCTAssertTrue(withBoth.categories.contains("billing"), "\(withBoth.categories)")
        let (_, spanishOnly) = assess(Self.spanish, text)
        XCTAssertFalse(spanishOnly.categories.contains("billing"), "English category patterns are not used: \(spanishOnly.categories)")
    }

    func testOverlayFilesOfAnUnconfiguredLanguageAreStillChecked() {
        XCTAssertThrowsError(try SentimentRules(contents: ["lexicon-en.tsv": "awful\tvery\n"], languages: ["es"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("lexicon-en.tsv:1:"), "\(error)")
        }
    }
}
