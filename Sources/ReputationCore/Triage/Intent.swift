/// What a post is, for the people who answer it: each kind gets its own deadline, reply and route.
package enum Intent: String, Sendable, Codable, CaseIterable, Comparable {
    /// Something went wrong for this customer: acknowledge within the complaint deadline.
    case complaint
    /// A customer asks (before buying or for support): answer within the question deadline.
    case question
    /// Thanks, compliments: thank them.
    case praise
    /// News, articles, reviews, a journalist's inquiry: the press contact answers; no apology, no order number.
    case press
    /// Nothing to answer: no task, still counted in the report.
    case other

    /// Report and tie-break order (complaints first).
    package static func < (lhs: Intent, rhs: Intent) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
