import Foundation
import ReputationCore

/// Sorts what the feeds served this run into new mentions (each assessed once; a post served by two feeds this run
/// is one mention with both sources) and later sources of mentions recorded by earlier runs.
///
/// A text never seen under a known identity is not "already seen": it becomes a mention of its own
/// (`MentionIdentity.editID`), so an edit — or a post claiming another's platform id — is triaged, never dropped.
struct MentionIntake {
    let rules: PollRules
    let now: Date
    /// False for the first run over a state written before sources were tracked: pairs are learnt, none recorded.
    let recordsLaterSources: Bool
    /// False for the first run over a state written before texts were tracked: texts are learnt, no edit recorded.
    let recordsEdits: Bool
    /// Feeds not yet polled since the state was written with the old identity: a post of theirs the state knew under
    /// that identity is adopted, not new (see `PollState.legacyIdentityFeeds`).
    let legacyFeeds: Set<String>
    /// Feeds whose texts are learnt again after the text keys changed layout: no edit recorded for their posts.
    let learningFeeds: Set<String>
    /// The former layout's text keys (`PollState.formerTexts`), for the learning feeds' posts.
    let formerTexts: SeenMentions
    /// The new mentions, in the order first served; `assessFresh` scores them.
    private(set) var freshMentions: [Mention] = []
    /// New-style ids of posts the state had recorded under their old identity (`LegacyMentionIdentity`).
    private(set) var adopted: [String] = []
    private(set) var laterSources: [MentionSource] = []
    /// Per feed that served anything this run: now, the day the seen store remembers its items from.
    private(set) var oldestServed: [String: Date] = [:]
    /// Ids of recorded mentions served again this run: the poll remembers them from today (`SeenMentions.serve`).
    private(set) var served: [String] = []
    private var freshIndex: [String: Int] = [:]

    init(
        rules: PollRules, now: Date, recordsLaterSources: Bool, recordsEdits: Bool = true, legacyFeeds: Set<String> = [],
        learningFeeds: Set<String> = [], formerTexts: SeenMentions = SeenMentions()
    ) {
        self.rules = rules
        self.now = now
        self.recordsLaterSources = recordsLaterSources
        self.recordsEdits = recordsEdits
        self.legacyFeeds = legacyFeeds
        self.learningFeeds = learningFeeds
        self.formerTexts = formerTexts
    }

    /// Takes one feed's items (those its `MentionFilter` keeps); returns how many were not recorded before.
    mutating func take(
        _ outcome: FeedOutcome, seen: SeenMentions, seenSources: inout SeenMentions, seenTexts: inout SeenMentions
    ) -> Int {
        let filter = MentionFilter(feed: outcome.feed, brand: rules.brand)
        var unseen = 0
        let recordsEdit = recordsEdits && !learningFeeds.contains(outcome.feed.id)
        for (index, item) in outcome.items.enumerated() where filter.keeps(item, from: outcome.scope(ofItem: index)) {
            var mention = rules.identity.mention(from: item, feed: outcome.feed, format: outcome.format, fetchedAt: now)
            let words = MentionIdentity.letters(of: mention.fullText)
            let textKey = MentionIdentity.textKey(mention, words: words)
            let known = seen.contains(mention.id) || freshIndex[mention.id] != nil
            // Everything served is remembered from today (`SeenMentions.serve`), so the feed's window reaches now.
            oldestServed[outcome.feed.id] = now
            if !known, isRecordedUnderAnOldIdentity(item, feed: outcome.feed, format: outcome.format, seen: seen) {
                adopted.append(mention.id)
                seenTexts.serve(textKey, at: now)
                seenSources.serve(MentionSource.key(mention: mention.id, source: outcome.feed.id), at: now)
                continue
            }
            let ownIDText = rules.identity.ownIDTextKey(item, feed: outcome.feed, format: outcome.format, words: words)
            if !known, let ownIDText, seenTexts.contains(ownIDText) {
                // The post recorded before, served under a new link: remembered while it is served, not filed again.
                seenTexts.serve(ownIDText, at: now)
                continue
            }
            if let ownIDText { seenTexts.serve(ownIDText, at: now) }
            if seenTexts.serve(textKey, at: now), known, recordsEdit {
                mention.id = MentionIdentity.editID(of: textKey)
            }
            let pair = MentionSource.key(mention: mention.id, source: outcome.feed.id)
            let newPair = seenSources.serve(pair, at: now)
            if seen.contains(mention.id) {
                served.append(mention.id)
                if newPair && recordsLaterSources {
                    laterSources.append(MentionSource(mention: mention.id, source: outcome.feed.id, seenAt: now))
                }
                continue
            }
            unseen += 1
            if let index = freshIndex[mention.id] {
                if !freshMentions[index].sources.contains(outcome.feed.id) {
                    freshMentions[index].sources.append(outcome.feed.id)
                }
                continue
            }
            freshIndex[mention.id] = freshMentions.count
            freshMentions.append(mention)
        }
        return unseen
    }

    /// The new mentions assessed, in order. Each is scored on its own, so a first poll's thousands are scored in
    /// slices on every core, each with its own buffers.
    func assessFresh() -> [AssessedMention] {
        let assessor = rules.assessor
        return ParallelSlices.map(freshMentions) { slice in
            var scratch = Assessor.Scratch()
            return slice.map { assessor.assess($0, scratch: &scratch) }
        }.flatMap { $0 }
    }

    /// A post the state holds under the identity an earlier version gave it, on the feed's first poll since then:
    /// before issue 13 (`LegacyMentionIdentity`), or before ids were read exactly and fragments kept (`FormerIdentity`).
    private func isRecordedUnderAnOldIdentity(
        _ item: FeedItem, feed: FeedConfig, format: FeedFormat?, seen: SeenMentions
    ) -> Bool {
        if legacyFeeds.contains(feed.id), seen.contains(LegacyMentionIdentity.mentionID(item, feedID: feed.id)) {
            return true
        }
        guard learningFeeds.contains(feed.id),
            let former = FormerIdentity.textKey(of: item, feed: feed, format: format, identity: rules.identity)
        else { return false }
        return formerTexts.contains(former)
    }
}
