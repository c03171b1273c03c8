import Foundation
import ReputationCore

extension PollStateRebuild {
    /// The crisis detector learned again from the mention log under new settings whose windows or bucket length
    /// differ from the saved detector's (monitor.json edited, or an upgrade that changed the defaults): those
    /// baselines cannot carry over, and starting empty would leave every scope blind for its warm-up day. The log
    /// is replayed as a lost state's is (same horizon, same order, alerts discarded: they were filed when they
    /// happened, and crisis tasks are keyed by their window), leaving out `pending`: mentions logged by a killed
    /// run and not yet counted, which the poll counts with its new ones.
    func relearnCrisis(leavingOut pending: Set<String>) throws(StoreError) -> (CrisisDetector, days: Int, mentions: Int) {
        var detector = CrisisDetector(settings: settings)
        let first = MentionLog.fileName(for: crisisHorizon)
        var days = 0, mentions = 0
        var lastFetched = Date.distantPast
        for name in log.files() where name >= first {
            var replay: [AssessedMention] = []
            for assessed in try log.read(file: name) where !pending.contains(assessed.mention.id) {
                lastFetched = max(lastFetched, assessed.mention.fetchedAt)
                if assessed.mention.countedAt >= crisisHorizon { replay.append(assessed) }
            }
            if !replay.isEmpty { days += 1 }
            mentions += replay.count
            replayCrises(replay, into: &detector)
        }
        _ = detector.advance(to: min(lastFetched, now))
        return (detector, days, mentions)
    }
}
