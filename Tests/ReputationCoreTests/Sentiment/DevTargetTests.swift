import Foundation
import XCTest
@testable import ReputationCore

/// The DEV quality targets of issue 4, computed as eval.py does (neg-F1 and macro-F1 over neg/neu/pos; a post
/// with no prediction cannot happen here). Skipped when ../shared/bench is not there.
final class DevTargetTests: XCTestCase {
    private static let devFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/bench/sentiment")

    func testSpanishDEVMeetsTargets() throws {
        let (negF1, macroF1) = try evaluate("dev-es.tsv")
        XCTAssertGreaterThanOrEqual(negF1, 0.70, "Spanish neg-F1")
        XCTAssertGreaterThanOrEqual(macroF1, 0.58, "Spanish macro-F1")
    }

    func testEnglishDEVMeetsTargets() throws {
        let (negF1, macroF1) = try evaluate("dev-en.tsv")
        XCTAssertGreaterThanOrEqual(negF1, 0.74, "English neg-F1")
        XCTAssertGreaterThanOrEqual(macroF1, 0.66, "English macro-F1")
    }

    private func evaluate(_ name: String) throws -> (Double, Double) {
        let path = Self.devFolder.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) not present") }
        let scorer = SentimentTestRules.scorer
        var confusion = [String: [String: Int]]()
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4 else { continue }
            let predicted = scorer.score(String(fields[3]), languageHint: String(fields[1])).label.rawValue
            confusion[String(fields[2]), default: [:]][predicted, default: 0] += 1
        }
        var f1: [String: Double] = [:]
        for label in ["neg", "neu", "pos"] {
            let truePositive = Double(confusion[label]?[label] ?? 0)
            let predicted = Double(confusion.values.reduce(0) { $0 + ($1[label] ?? 0) })
            let actual = Double(confusion[label]?.values.reduce(0, +) ?? 0)
            let precision = predicted > 0 ? truePositive / predicted : 0
            let recall = actual > 0 ? truePositive / actual : 0
            f1[label] = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }
        let macro = f1.values.reduce(0, +) / 3
        print("\(name): neg_f1=\(f1["neg"]!) macro_f1=\(macro)")
        return (f1["neg"]!, macro)
    }
}
