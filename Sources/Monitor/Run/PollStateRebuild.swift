import Foundation
import ReputationCore

/// A lost poll state (`state/poll-state.json` deleted, or moved aside because unreadable) rebuilt from the mention
/// log, the source of truth for what was recorded. Without it the next poll took the whole log as "recovered":
/// every mention ever logged held in memory and offered for filing again (an 8-day workspace of 24,000 mentions
/// filed 794 tasks a second time — those closed and retired from the book — and a crisis and a flood task again).
///
/// Streamed one day file at a time, oldest first:
/// - the seen sets (ids, text keys, source pairs) of every logged post, dated by the day it was recorded: when a
///   feed last served it is lost with the file, and a post served for months (a pinned post, a review page) must
///   not be recorded and filed again. The poll that follows remembers what its feeds serve from today and forgets
///   the rest (`forgetUnservable`), each feed held back by the newest post it logged; the whole log is read once,
///   on this rare path only;
/// - the crisis detector, replayed over `crisisHalfLives` baseline half-lives (42 days by default) in publication
///   order, advanced to each mention's time before it is counted (as polls every minute would have) and at the end
///   to the run before the newest, its alerts discarded: they were filed when they happened. The newest run's
///   mentions are left to the poll (`Rebuilt.lastRun`): that run may have died before filing its crisis (killed, or
///   a full disk, on a workspace's first poll). The poll counts them and closes up to that run's time, then its own
///   news up to now; crisis tasks are keyed by their window, and an alert raised again for a task that already
///   holds it is old news (`CrisisFiling`), so only what is missing is filed.
///
/// Exactness: a detector advanced at other moments than the live one only differs for mentions that came late (a
/// post whose bucket was already closed), and by what it knew before the horizon (a weight of 2^-3 of the baseline
/// at three half-lives). On the 8-day benchmark workspace the rebuilt detector is the never-lost one, byte for byte.
///
/// The log offsets are the ends of the files as they are, except for the mentions of the last day
/// (`TaskLedger.bookRetention`), which are checked again — see `isRecheckable`.
struct PollStateRebuild {
    let log: MentionLog
    let settings: CrisisSettings
    let now: Date

    static let crisisHalfLives = 3.0

    /// What the rebuild hands `PollRun.start()`.
    struct Rebuilt {
        var state: PollState
        /// Mentions of the last day offered for filing (those `offered` took), in log order: the poll counts them for
        /// crises with its new ones; the rest of the last day is replayed here like the older days.
        var offered: [AssessedMention] = []
        /// The mentions of the newest run that logged any, and that run's time: they are not replayed here but
        /// counted by the poll, up to that time first (`PollRun.detectCrises`). That run may have died before filing
        /// its crisis (a kill, a full disk, on a workspace's first poll): its alerts are raised again, with the keys
        /// they had (`CrisisFiling` files what the book lacks). The earlier runs finished, or were finished by the run
        /// after them from the checkpoint.
        var lastRun: [AssessedMention] = []
        var lastRunAt: Date?
        /// Mentions of the last day checked again.
        var rechecked = 0
        var seenDays = 0
        var crisisDays = 0
        var crisisMentions = 0
    }

    /// Three of the detector's longest half-life back (the baseline's, 14 days by default): what it knew before
    /// weighs 2^-3 of its state by then.
    var crisisHorizon: Date {
        let days = [settings.seasonalHalfLifeDays, settings.peakMemoryHalfLifeDays, settings.negativeShareHalfLifeDays]
        let longest = max(settings.baselineHalfLifeHours / 24, days.max() ?? 0)
        return now.addingTimeInterval(-Self.crisisHalfLives * min(longest, 3_650) * 86_400)
    }
    var recheckCutoff: Date { now.addingTimeInterval(-TaskLedger.bookRetention) }

    func rebuild(offering offers: (AssessedMention) -> Bool) throws(StoreError) -> Rebuilt {
        var rebuilt = Rebuilt(state: PollState(crisisSettings: settings))
        var seenSources = SeenMentions(), seenTexts = SeenMentions()
        var crisisDays = Set<String>()
        var lastFetched = Date.distantPast
        var lastRecordedBy: [String: Date] = [:]
        // When the runs replayed here ended: the detector is closed up to the newest of them.
        var replayedUntil: Date?
        let files = log.files()
        for name in files {
            var replay: [AssessedMention] = []
            for assessed in try log.read(file: name) {
                let mention = assessed.mention
                rebuilt.state.seen.insert(mention.id, recordedAt: mention.fetchedAt)
                seenTexts.insert(MentionIdentity.textKey(mention), recordedAt: mention.fetchedAt)
                for source in mention.sources {
                    seenSources.insert(MentionSource.key(mention: mention.id, source: source), recordedAt: mention.fetchedAt)
                    lastRecordedBy[source] = max(lastRecordedBy[source] ?? .distantPast, mention.fetchedAt)
                }
                lastFetched = max(lastFetched, mention.fetchedAt)
                if isRecheckable(assessed) { rebuilt.rechecked += 1 }
                if isRecheckable(assessed), offers(assessed) { rebuilt.offered.append(assessed) }
                if mention.countedAt >= crisisHorizon { replay.append(assessed) }
            }
            // A run's mentions share its time and its day file: the newest run's are the newest file's latest.
            if name == files.last, let newest = replay.map(\.mention.fetchedAt).max(), newest <= now {
                rebuilt.lastRun = replay.filter { $0.mention.fetchedAt == newest }
                rebuilt.lastRunAt = newest
                replay.removeAll { $0.mention.fetchedAt == newest }
            }
            if let latest = replay.map(\.mention.fetchedAt).max() { replayedUntil = max(replayedUntil ?? latest, latest) }
            if !replay.isEmpty || !rebuilt.lastRun.isEmpty { crisisDays.insert(name) }
            rebuilt.crisisMentions += replay.count + rebuilt.lastRun.count
            replayCrises(replay, into: &rebuilt.state.crisis)
        }
        // Feeds that served a logged post again (`sources.jsonl`): the pair is seen, dated as its post is remembered.
        for later in try log.laterSources() {
            guard let day = rebuilt.state.seen.day(of: later.mention) else { continue }
            let recordedAt = Date(timeIntervalSince1970: Double(day) * 86_400)
            seenSources.insert(MentionSource.key(mention: later.mention, source: later.source), recordedAt: recordedAt)
        }
        // Closed up to the run before the newest, as that run left it; the alerts were filed when they happened. The
        // poll counts the newest run's mentions, closes the rest up to now, and files only what the book does not
        // hold (`CrisisFiling`).
        let closedUntil = rebuilt.lastRunAt == nil ? min(lastFetched, now) : replayedUntil.map { min($0, now) }
        if let closedUntil { _ = rebuilt.state.crisis.advance(to: closedUntil) }
        // When each feed last served anything is lost too: the newest post it logged is the latest the log proves (it
        // may have served since, which only keeps more). A feed failing on the next poll then still holds back what
        // the others' poll forgets (`forgetUnservable`), as it would have with the state kept.
        for (feed, recorded) in lastRecordedBy {
            var feedState = rebuilt.state.feeds[feed] ?? FeedState()
            feedState.oldestServedAt = recorded
            rebuilt.state.feeds[feed] = feedState
        }
        rebuilt.state.seenSources = seenSources
        rebuilt.state.seenTexts = seenTexts
        rebuilt.state.checkpoint = log.sizes()
        // The clock bar (`PollState.lastMachineRunAt`) lost with the file: the newest recording is the best left.
        if lastFetched > .distantPast { rebuilt.state.lastMachineRunAt = lastFetched }
        rebuilt.seenDays = log.files().count
        rebuilt.crisisDays = crisisDays.count
        return rebuilt
    }

    /// Whether a logged mention was recorded within the last `bookRetention` before `now`: it carries the time of
    /// the run that fetched and logged it (`fetchedAt`, that run's clock).
    ///
    /// Why checking those again files nothing twice: a task is filed by the run that records its mention or by the
    /// next one (a crash between), so every event of it is at or after `fetchedAt`; `TaskLedger` retires a closed
    /// task only when its last event is more than `bookRetention` before the day of the newest event folded, which
    /// is no later than `now`. So every task of a mention fetched after the cutoff is still in the book, and the
    /// book's filing (`TaskFiling`: a mention with a task files nothing), or the filter in `rebuildState`, leaves it
    /// alone. Older mentions are not checked again: their tasks may be retired, and filing them would file twice.
    func isRecheckable(_ assessed: AssessedMention) -> Bool {
        assessed.mention.fetchedAt >= recheckCutoff
    }

    /// Counts one day file's mentions in publication order, closing the buckets before each as it goes (a poll
    /// every minute); a mention posted before what an earlier file already closed counts late, as it did live.
    func replayCrises(_ day: [AssessedMention], into detector: inout CrisisDetector) {
        for assessed in day.sorted(by: { $0.mention.countedAt < $1.mention.countedAt }) {
            let countedAt = assessed.mention.countedAt
            if countedAt >= (detector.firstOpenBucketEnd ?? .distantPast) { _ = detector.advance(to: countedAt) }
            detector.record(
                at: countedAt, scopes: Assessor.scopes(of: assessed), negative: assessed.isNegative,
                authorReach: assessed.mention.author.reach)
        }
    }
}

extension CrisisDetector {
    /// The end of the oldest bucket still open (`nil` before any advance): a mention from then on closes it.
    var firstOpenBucketEnd: Date? {
        let seconds = Double(max(settings.bucketMinutes, 1) * 60)
        return firstOpenBucket.map { Date(timeIntervalSince1970: Double($0 + 1) * seconds) }
    }
}
