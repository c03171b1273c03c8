import Foundation
import ReputationCore

extension PollRun {
    /// The state of a poll whose `poll-state.json` is gone while the mention log holds records (see
    /// `PollStateRebuild`), and the mentions to process again: those of the last day the task book does not answer.
    ///
    /// Only posts needing an answer that the book does not answer are offered for filing; the rest of the last day is
    /// counted by the rebuilt crisis detector. Filing would skip answered ones anyway (`TaskFiling`), but the flood
    /// cap counts every post needing an answer in the batch and would file a flood task for posts long answered. For
    /// the same reason a post needing an answer that has no task is left alone when the book holds a flood task of
    /// its feed from the last day: it was held by the cap and is summed there. What is left was logged by a run that
    /// died before filing. For crises the poll counts the newest run's mentions (`CrisisCarry`), all of them: that
    /// run may have died before filing its crisis, and the replay closes the detector only up to the run before it.
    func rebuildState(from log: MentionLog) throws -> (PollState, [AssessedMention], CrisisCarry) {
        let rebuild = PollStateRebuild(log: log, settings: configuration.settings.crisis, now: now)
        let book = try alerter.loadBook()
        let floodFeeds = Set(
            book.tasks.filter { $0.kind == .sourceHealth && $0.filedAt >= rebuild.recheckCutoff }
                .compactMap { TaskFiling.floodFeed(ofMention: $0.mentionID) })
        var held = 0
        let rebuilt = try rebuild.rebuild { assessed in
            guard TaskFiling.needsTask(assessed), book.task(forMention: assessed.mention.id) == nil else { return false }
            guard !floodFeeds.contains(assessed.mention.sources.first ?? "") else {
                held += 1
                return false
            }
            return true
        }
        terminal.warn(
            "poll state: \(stateURL.path) was missing; rebuilt from the mention log (\(rebuilt.seenDays) days, "
                + "\(ViewNumber.grouped(rebuilt.state.seen.count)) mentions seen; crisis baselines from "
                + "\(rebuilt.crisisDays) days, \(ViewNumber.grouped(rebuilt.crisisMentions)) mentions); "
                + "\(ViewNumber.grouped(rebuilt.rechecked)) mentions of the last day re-checked, "
                + "\(ViewNumber.grouped(rebuilt.offered.count)) needing an answer and without a task offered for filing"
                + (held > 0 ? ", \(ViewNumber.grouped(held)) left summed in the flood task of their feed" : ""))
        return (rebuilt.state, rebuilt.offered, CrisisCarry(mentions: rebuilt.lastRun, until: rebuilt.lastRunAt))
    }
}
