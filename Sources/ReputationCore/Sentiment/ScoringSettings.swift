/// The numbers of the scoring rules (settings.tsv): how much negation, emphasis and contrast weigh, and where
/// the labels start. Defaults follow VADER's published constants where the rule is the same.
struct ScoringSettings: Sendable {
    var negationScalar: Float = -0.74
    /// "no es malo" is faint praise at most: a negated negative word flips less than a negated positive one.
    var negatedNegativeScalar: Float = -0.74
    var capsEmphasis: Float = 0.733
    var elongationEmphasis: Float = 0.3
    var exclamationEmphasis: Float = 0.292
    var maxExclamations = 4
    var contrastBefore: Float = 0.5
    var contrastAfter: Float = 1.5
    var concessive: Float = 0.5
    var sarcasmFlip: Float = -0.5
    /// Positive contributions in a question or after an irrealis marker ("ojalá", "I hope") are multiplied by it.
    var irrealisPositive: Float = 1
    /// Booster reach decays with distance: one, two and three words before the valence word.
    var boosterDecay: [Float] = [1, 0.95, 0.9]
    /// Normalisation: score = sum / sqrt(sum² + alpha).
    var alpha: Float = 15
    /// Label thresholds per language: score ≤ negative → neg, score ≥ positive → pos.
    var negativeThreshold: [String: Double] = [:]
    /// Negative contributions are multiplied by this, per language.
    var negativeWeight: [String: Float] = [:]
    /// Weight of a negator that negates no sentiment word, per language.
    var loneNegatorWeight: [String: Float] = [:]
    var positiveThreshold: [String: Double] = [:]

    /// The per-language numbers of one language, looked up once at load rather than per post.
    struct Language: Sendable {
        var negativeThreshold: Double
        var positiveThreshold: Double
        var negativeWeight: Float
        var loneNegatorWeight: Float
    }

    func resolved(for code: String) -> Language {
        Language(negativeThreshold: negativeThreshold[code] ?? -0.05, positiveThreshold: positiveThreshold[code] ?? 0.05,
                 negativeWeight: negativeWeight[code] ?? 1, loneNegatorWeight: loneNegatorWeight[code] ?? 0)
    }

    mutating func apply(_ table: RuleTable) throws(RulesError) {
        for row in table.rows {
            let key = row.fields[0]
            let value = try table.number(row, 1, in: -100...100)
            switch key {
            case "negation_scalar": negationScalar = Float(value)
            case "negated_negative_scalar": negatedNegativeScalar = Float(value)
            case "caps_emphasis": capsEmphasis = Float(value)
            case "elongation_emphasis": elongationEmphasis = Float(value)
            case "exclamation_emphasis": exclamationEmphasis = Float(value)
            case "max_exclamations": maxExclamations = Int(value)
            case "contrast_before": contrastBefore = Float(value)
            case "contrast_after": contrastAfter = Float(value)
            case "concessive": concessive = Float(value)
            case "sarcasm_flip": sarcasmFlip = Float(value)
            case "irrealis_positive": irrealisPositive = Float(value)
            case "alpha": alpha = Float(value)
            default:
                if let language = key.suffixAfter("neg_threshold_") {
                    negativeThreshold[language] = value
                } else if let language = key.suffixAfter("lone_negator_weight_") {
                    loneNegatorWeight[language] = Float(value)
                } else if let language = key.suffixAfter("negative_weight_") {
                    negativeWeight[language] = Float(value)
                } else if let language = key.suffixAfter("pos_threshold_") {
                    positiveThreshold[language] = value
                } else {
                    throw .badLine(file: table.file, line: row.line, reason: "unknown setting '\(key)'")
                }
            }
        }
    }
}

extension String {
    func suffixAfter(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
