@testable import ReputationCore

/// The bundled rules, loaded once for all sentiment and triage tests (as the monitor loads them).
enum SentimentTestRules {
    static let scorer: SentimentScorer = {
        do { return SentimentScorer(rules: try SentimentRules.load()) } catch { fatalError("\(error)") }
    }()
    static let triager: Triager = {
        do { return Triager(rules: try TriageRules.load()) } catch { fatalError("\(error)") }
    }()
    static let assessor: Assessor = {
        do { return try Assessor.load() } catch { fatalError("\(error)") }
    }()
}
