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
    private var freshIndex: [String: Int] = [:]
    /// The assessor's buffers, kept for the whole run.
    private var scratch = Assessor.Scratch()

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
            let newPair = seenSources.insert(MentionSource.key(mention: mention.id, source: outcome.feed.id))
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
            fresh.append(assessor.assess(mention, scratch: &scratch))
        }
        return unseen
    }
}
