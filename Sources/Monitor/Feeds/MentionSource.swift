import Foundation

/// A feed that served an already-recorded mention in a later run: the same post through a second feed (a search
/// feed and a tag feed, say). Kept in `alerts/mentions/sources.jsonl`, append-only, and merged into the mention
/// whenever the log is read, so a post stays one mention with every source however the runs fell.
package struct MentionSource: Sendable, Codable, Hashable {
    package var mention: String
    package var source: String
    package var seenAt: Date

    package init(mention: String, source: String, seenAt: Date) {
        self.mention = mention
        self.source = source
        self.seenAt = seenAt
    }

    enum CodingKeys: String, CodingKey {
        case mention, source
        case seenAt = "seen_at"
    }

    /// The key under which a (mention, feed) pair is remembered as seen.
    static func key(mention: String, source: String) -> String { mention + "\u{1F}" + source }
}
