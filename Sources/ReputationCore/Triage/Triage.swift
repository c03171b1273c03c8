/// What a post needs beyond its polarity: the complaint categories it falls in, whether it asks something,
/// private data it exposes publicly, a legal threat. These set the task's priority and reasons.
public struct Triage: Sendable, Codable, Hashable {
    /// Private data found in a public post, so the task asks the customer privately to remove it.
    public struct PrivateData: Sendable, Codable, Hashable {
        /// "email", "phone", "order_number", "card", "dni", "nie".
        public var kind: String
        /// The match with its middle masked, safe to show in alerts ("+34 6** *** *12").
        public var redacted: String
        public init(kind: String, redacted: String) {
            self.kind = kind
            self.redacted = redacted
        }
    }

    /// Category ids from the category rules ("late_delivery", "refund", "billing", "defect",
    /// "unreachable", "fraud", "website", "legal_threat", ...).
    public var categories: [String]
    public var isQuestion: Bool
    public var privateData: [PrivateData]
    public var legalThreat: Bool

    public init(categories: [String] = [], isQuestion: Bool = false, privateData: [PrivateData] = [], legalThreat: Bool = false) {
        self.categories = categories
        self.isQuestion = isQuestion
        self.privateData = privateData
        self.legalThreat = legalThreat
    }

    /// A complaint: at least one complaint category.
    public var isComplaint: Bool { !categories.isEmpty }
}
