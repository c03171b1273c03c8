import Foundation
import ReputationCore

/// Everything a poll run carries to the next one, in ONE file written atomically, so the pieces never disagree:
/// per-feed state, the seen mentions, the crisis detector, and how far the mention log has been processed.
///
/// The checkpoint is what makes a crash harmless: mentions appended to the log after it were recorded by a run
/// that died before finishing; the next run picks them up (tasks, crisis counts) instead of fetching them again.
package struct PollState: Sendable, Codable {
    package var version = PollState.currentVersion
    package var feeds: [String: FeedState] = [:]
    package var seen = SeenMentions()
    /// (mention, feed) pairs seen, so a feed serving an already-recorded post is noted as a source once. `nil` in
    /// a state written before sources were tracked: that run fills it without recording anything, or every
    /// re-served item would look like news from a new source.
    package var seenSources: SeenMentions?
    /// (identity, text) pairs seen (`MentionIdentity.textKey`), so a different text under a known identity is a new
    /// mention, not a duplicate. `nil` in a state written before texts were tracked: that run learns them.
    package var seenTexts: SeenMentions?
    /// Feeds a state written before scoped identities had polled and this version has not yet: their posts may sit
    /// in `seen` under the old identity (`LegacyMentionIdentity`) and are adopted, once, instead of filed again.
    /// Filled when such a state is loaded (it has no `seen_texts`); `nil` once every feed was polled.
    package var legacyIdentityFeeds: [String]?
    /// The layout of the keys in `seen_texts` (`MentionIdentity.textKeyVersion`; `nil`: 1).
    package var textKeyVersion: Int?
    /// Feeds not yet polled since the text keys changed layout: their posts' texts are learnt, no edit recorded (a
    /// re-served post would otherwise read as a new text under its known identity and be filed again).
    package var textLearningFeeds: [String]?
    /// The text keys of the former layout, kept while feeds learn theirs: what a feed's first poll since the upgrade
    /// recognises a post recorded under its former identity by (`FormerIdentity`). `nil` once every feed was polled.
    package var formerTexts: SeenMentions?
    package var crisis: CrisisDetector
    /// Byte offsets of the mention log files processed, by file name.
    package var checkpoint: [String: Int] = [:]
    package var lastRunAt: Date?
    /// The last run timed by this machine's clock (no `--now`): a later machine-clock run far before it has a wrong
    /// clock (a board without a battery before NTP reads 1970) and must not file a day's posts under 1970.
    package var lastMachineRunAt: Date?
    /// The layout this Vigía writes and reads; a newer one's state is refused, never half read.
    static let currentVersion = 1

    package init(crisisSettings: CrisisSettings) {
        crisis = CrisisDetector(settings: crisisSettings)
        seenSources = SeenMentions()
        seenTexts = SeenMentions()
        textKeyVersion = MentionIdentity.textKeyVersion
    }

    enum CodingKeys: String, CodingKey {
        case version, feeds, seen, crisis, checkpoint
        case seenSources = "seen_sources"
        case seenTexts = "seen_texts"
        case legacyIdentityFeeds = "legacy_identity_feeds"
        case textKeyVersion = "text_key_version"
        case textLearningFeeds = "text_learning_feeds"
        case formerTexts = "former_texts"
        case lastRunAt = "last_run_at"
        case lastMachineRunAt = "last_machine_run_at"
    }

    package static func load(from url: URL, crisisSettings: CrisisSettings) throws(StoreError) -> PollState {
        try loadIfPresent(from: url, crisisSettings: crisisSettings) ?? PollState(crisisSettings: crisisSettings)
    }

    /// `nil` when there is no file: the poll then rebuilds the state from the mention log (`PollStateRebuild`).
    package static func loadIfPresent(from url: URL, crisisSettings: CrisisSettings) throws(StoreError) -> PollState? {
        guard let data = try StoreFile.read(url.path) else { return nil }
        do {
            var state = try JournalCoding.decoder.decode(PollState.self, from: data)
            guard state.version <= currentVersion else {
                throw StoreError.corrupt(
                    path: url.path, line: 1,
                    reason: "poll state version \(state.version) was written by a newer Vigía (this one reads up to "
                        + "\(currentVersion)); run that version, or move the file aside: the next poll rebuilds it from "
                        + "the mention log")
            }
            if state.seenTexts == nil, state.legacyIdentityFeeds == nil { state.legacyIdentityFeeds = state.feeds.keys.sorted() }
            state.relearnTextsIfKeyedOldStyle()
            return state
        } catch let error as StoreError {
            throw error
        } catch {
            throw .corrupt(path: url.path, line: 1, reason: "poll state unreadable (\(error)); move it aside: the next poll rebuilds it from the mention log")
        }
    }

    /// Texts keyed by an earlier `textKey` match nothing now: they move to `formerTexts` (what the learning polls
    /// adopt posts by), and every feed learns its texts again on its next good poll (`textLearningFeeds`).
    mutating func relearnTextsIfKeyedOldStyle() {
        guard let old = seenTexts, (textKeyVersion ?? 1) < MentionIdentity.textKeyVersion else { return }
        formerTexts = old
        seenTexts = SeenMentions()
        textLearningFeeds = Array(Set(feeds.keys).union(textLearningFeeds ?? [])).sorted()
        textKeyVersion = MentionIdentity.textKeyVersion
    }

    package func save(to url: URL) throws(StoreError) {
        let data: Data
        do {
            data = try JournalCoding.encoder.encode(self)
        } catch {
            throw .cannotWrite(path: url.path, reason: "cannot encode poll state: \(error)")
        }
        try AtomicFile.write(data, to: url)
    }
}
