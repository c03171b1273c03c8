import Foundation
import XCTest
@testable import ReputationCore

/// `ReplyComposer.fill` and `tidy` work on bytes in one pass; these check them against the plain sequential
/// replacements they stand for, on random texts made of the characters that matter (placeholders, commas, spaces,
/// marks, accents, emoji).
final class ReplyTextTests: XCTestCase {
    private let pieces = [
        "{name}", "{initials}", "{hours}", "{data}", "{channel}", "{unknown}", "{", "}", "{{name}}", " ", "  ", ",",
        ", ", " ,", "!", " !", ".", ", .", ",.", "Hola", "gracias", "ñ", "é", "😀", "¡", "\n", "a", "Z",
    ]
    private let values = ["name": "Ana", "initials": "— LM", "hours": "", "data": "correo y teléfono", "channel": "x"]

    func testFillPutsEveryKnownPlaceholderAsTheOldReplacementsDid() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<5000 {
            let template = randomText(&generator)
            XCTAssertEqual(ReplyComposer.fill(template, values), referenceFill(template, values), template)
        }
    }

    func testFillNeverReadsAValueForPlaceholders() {
        let values = ["name": "{initials}", "initials": "LM"]
        XCTAssertEqual(ReplyComposer.fill("Hola {name}, {initials}", values), "Hola {initials}, LM")
    }

    func testTidyMatchesTheSequentialReplacements() {
        var generator = SplitMix(seed: 11)
        for _ in 0..<5000 {
            let text = randomText(&generator)
            XCTAssertEqual(ReplyComposer.tidy(text), referenceTidy(text), text)
        }
        XCTAssertEqual(ReplyComposer.tidy("Hola , lo siento"), "Hola, lo siento")
        XCTAssertEqual(ReplyComposer.tidy("¡Gracias, !"), "¡Gracias!")
        XCTAssertEqual(ReplyComposer.tidy(", lo   siento ,."), "Lo siento.")
    }

    private func randomText(_ generator: inout SplitMix) -> String {
        let count = Int(generator.next() % 12)
        return (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    private func referenceFill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        // Sorted so the reference is deterministic; no value here holds a placeholder, so the order does not matter.
        for key in values.keys.sorted() { text = text.replacingOccurrences(of: "{\(key)}", with: values[key]!) }
        return text
    }

    private func referenceTidy(_ text: String) -> String {
        var result = text.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: " !", with: "!")
            .replacingOccurrences(of: ",!", with: "!").replacingOccurrences(of: ", .", with: ".")
            .replacingOccurrences(of: ",.", with: ".")
        while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        while let first = result.first, first == "," || first == " " { result.removeFirst() }
        if let first = result.first, first.isLowercase { result = first.uppercased() + result.dropFirst() }
        return result
    }
}
