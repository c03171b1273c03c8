import Foundation
import ReputationCore

/// Sorts what the feeds served this run into new mentions (each assessed once; a post served by two feeds this run
/// is one mention with both sources) and later sources of mentions recorded by earlier runs.
struct MentionIntake {
    let assessor: Assessor
    let now: Date
    /// False for the first run over a state written before sources were tracked: pairs are learnt, none recorded.
    let recordsLaterSources: Bool
    private(set) var fresh: [AssessedMention] = []
    private(set) var laterSources: [MentionSource] = []
    /// Per feed served in full this run: the oldest day the seen store has (or will have) for its items.
    private(set) var oldestServed: [String: Date] = [:]
    private var freshIndex: [String: Int] = [:]

    init(assessor: Assessor, now: Date, recordsLaterSources: Bool) {
        self.assessor = assessor
        self.now = now
        self.recordsLaterSources = recordsLaterSources
    }

    /// Takes one feed's items (those its keywords let through); returns how many were not recorded before.
    mutating func take(_ outcome: FeedOutcome, seen: SeenMentions, seenSources: inout SeenMentions) -> Int {
        let filter = KeywordFilter(outcome.feed.keywords)
        var unseen = 0
        for item in outcome.items where filter.matches((item.title ?? "") + " " + item.text) {
            let mention = MentionIdentity.mention(from: item, feed: outcome.feed, fetchedAt: now)
            let day = seen.day(of: mention.id).map { Date(timeIntervalSince1970: Double($0) * 86_400) } ?? mention.postedAt
            oldestServed[outcome.feed.id] = min(oldestServed[outcome.feed.id] ?? day, day)
            let newPair = seenSources.insert(MentionSource.key(mention: mention.id, source: outcome.feed.id), postedAt: day)
            if seen.contains(mention.id) {
                if newPair && recordsLaterSources {
                    laterSources.append(MentionSource(mention: mention.id, source: outcome.feed.id, seenAt: now))
                }
                continue
            }
            unseen += 1
            if let index = freshIndex[mention.id] {
                if !fresh[index].mention.sources.contains(outcome.feed.id) {
                    fresh[index].mention.sources.append(outcome.feed.id)
                }
                continue
            }
            freshIndex[mention.id] = fresh.count
            fresh.append(assessor.assess(mention))
        }
        return unseen
    }
}
