/// What a post needs beyond its polarity: its intent, the complaint categories it complains (or asks) about,
/// whether it asks something, private data it exposes publicly, a legal threat. These set the task's route,
/// priority, deadline, reasons and reply.
package struct Triage: Sendable, Codable, Hashable {
    /// Private data found in a package post, so the task asks the customer privately to remove it.
    package struct PrivateData: Sendable, Codable, Hashable {
        /// "email", "phone", "order_number", "card", "dni", "nie".
        package var kind: String
        /// The match with its middle masked, safe to show in alerts ("+34 6** *** *12").
        package var redacted: String
        package init(kind: String, redacted: String) {
            self.kind = kind
            self.redacted = redacted
        }
    }

    package var intent: Intent
    /// Category ids from the category rules ("late_delivery", "refund", "billing", "defect", "cancellation",
    /// "lost", "service", "unreachable", "fraud", "website", "legal_threat", ...), kept only for complaints and
    /// questions: a topic word in praise or in the news is not a complaint about it.
    package var categories: [String]
    /// The post asks something (a question mark or a question cue), whatever its intent.
    package var isQuestion: Bool
    package var privateData: [PrivateData]
    package var legalThreat: Bool

    package init(intent: Intent = .other, categories: [String] = [], isQuestion: Bool = false,
                privateData: [PrivateData] = [], legalThreat: Bool = false) {
        self.intent = intent
        self.categories = categories
        self.isQuestion = isQuestion
        self.privateData = privateData
        self.legalThreat = legalThreat
    }

    /// A complaint: something went wrong for this customer.
    package var isComplaint: Bool { intent == .complaint }

    enum CodingKeys: String, CodingKey { case intent, categories, isQuestion, privateData, legalThreat }

    /// Mention logs written before intents have none: read it from what they recorded.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        categories = try container.decode([String].self, forKey: .categories)
        isQuestion = try container.decode(Bool.self, forKey: .isQuestion)
        privateData = try container.decode([PrivateData].self, forKey: .privateData)
        legalThreat = try container.decode(Bool.self, forKey: .legalThreat)
        intent = try container.decodeIfPresent(Intent.self, forKey: .intent)
            ?? (!categories.isEmpty || legalThreat ? .complaint : isQuestion ? .question : .other)
    }
}
