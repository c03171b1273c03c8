import Foundation

/// Priority, acknowledgement allowance, reply section and reasons for a mention that needs an answer, by what
/// the post is (`Intent`).
enum Prioritizer {
    static func priority(_ assessed: AssessedMention, policy: TaskPolicy) -> ResponseTask.Priority {
        if isUrgent(assessed, policy: policy) { return .urgent }
        switch assessed.triage.intent {
        case .complaint: return .complaint
        case .question: return .question
        case .praise: return .praise
        case .press: return .press
        case .other: return assessed.triage.privateData.isEmpty ? .negative : .complaint
        }
    }

    /// A legal threat, or a complaint by an author with high reach.
    static func isUrgent(_ assessed: AssessedMention, policy: TaskPolicy) -> Bool {
        if assessed.triage.legalThreat { return true }
        guard let reach = assessed.mention.author.reach, reach >= policy.highReach else { return false }
        return assessed.triage.isComplaint
    }

    /// The shortest allowance among everything the post is: an urgent complaint gets the complaint's 30 minutes,
    /// not the urgent hour ("within 1 hour at most").
    static func allowance(_ assessed: AssessedMention, priority: ResponseTask.Priority, policy: TaskPolicy) -> TimeInterval {
        var candidates = [policy.allowance(for: priority)]
        if assessed.triage.isComplaint || !assessed.triage.privateData.isEmpty { candidates.append(policy.complaint) }
        return candidates.min() ?? policy.question
    }

    static func section(_ assessed: AssessedMention) -> ReplyTemplates.Section {
        switch assessed.triage.intent {
        case .complaint: .complaint
        case .question: .question
        case .praise: .praise
        case .press: .press
        case .other: .comment
        }
    }

    /// Why the task exists: intent, categories, legal threat, reach, question, exposed data kinds, negative terms.
    static func reasons(_ assessed: AssessedMention, policy: TaskPolicy) -> [String] {
        var reasons = ["intent \(assessed.triage.intent.rawValue)"] + assessed.triage.categories
        if assessed.triage.legalThreat, !reasons.contains("legal_threat") { reasons.append("legal_threat") }
        if let reach = assessed.mention.author.reach, reach >= policy.highReach { reasons.append("high_reach \(reach)") }
        if assessed.triage.isQuestion { reasons.append("question") }
        for data in assessed.triage.privateData { reasons.append("private_data \(data.kind) \(data.redacted)") }
        if assessed.isNegative {
            reasons.append(String(format: "negative %.2f", assessed.sentiment.score))
        }
        for term in assessed.sentiment.terms where term.weight < 0 { reasons.append("term \(term.text)") }
        return reasons
    }
}
