import Foundation

/// At most `cap` new tasks per feed per poll. One feed document can hold a hundred thousand posts (a flood, an
/// attack, a bug upstream); filing each as a task would bury the team and slow every later command for good. All of
/// them are still recorded as mentions (and counted by the crisis detector); beyond the cap, the most urgent are
/// filed and the rest are summed into one flood task for the feed (`TaskFiling.floodEvent`).
package enum FloodCap {
    package static let defaultCap = 200

    package struct Split: Sendable {
        /// Mentions to file as usual: those needing no task, and per feed the `cap` most urgent of those that do.
        package var kept: [AssessedMention] = []
        /// Per feed id, the mentions needing an answer beyond the cap, most urgent first.
        package var held: [String: [AssessedMention]] = [:]
    }

    /// Keeps the batch's order for what is kept; ranks within a feed by priority, then by posting time.
    package static func split(_ batch: [AssessedMention], cap: Int, policy: TaskPolicy) -> Split {
        var needing: [String: [(index: Int, priority: ResponseTask.Priority)]] = [:]
        for (index, assessed) in batch.enumerated() where TaskFiling.needsTask(assessed) {
            needing[assessed.mention.sources.first ?? "", default: []]
                .append((index, Prioritizer.priority(assessed, policy: policy)))
        }
        var heldIndices = Set<Int>()
        var split = Split()
        for (feed, entries) in needing where entries.count > cap {
            let ranked = entries.sorted { ($0.priority, $0.index) < ($1.priority, $1.index) }
            let over = ranked.dropFirst(cap)
            heldIndices.formUnion(over.map(\.index))
            split.held[feed] = over.map { batch[$0.index] }
        }
        split.kept = batch.indices.filter { !heldIndices.contains($0) }.map { batch[$0] }
        return split
    }
}

extension TaskFiling {
    /// One task for the posts of `feedID` held back by the cap this poll: its priority is the most urgent among them,
    /// its text says how many and where they are, and it lists the first few so someone can start reading.
    package static func floodEvent(
        feedID: String, held: [AssessedMention], cap: Int, settings: TaskSettings, now: Date
    ) -> JournalEvent? {
        guard let first = held.first else { return nil }
        let mentionID = floodMentionID(feedID: feedID, at: now)
        let id = "s-" + StableHash.hex(of: mentionID).prefix(10)
        let priority = Prioritizer.priority(first, policy: settings.policy)
        let text = "feed \(feedID) served \(held.count) more posts needing an answer than the cap of \(cap) new "
            + "tasks per feed per poll. They are recorded as mentions (mentions/\(String(ISOTime.format(now).prefix(10)))"
            + ".jsonl) and counted for crises; read them with `vigia report` or the mention log, and check the source."
        var task = ResponseTask(
            id: id, mentionID: mentionID, kind: .sourceHealth, priority: priority, filedAt: now,
            deadline: settings.businessHours.deadline(from: now, adding: settings.policy.allowance(for: priority)),
            channel: "vigia", author: Author(name: "feed \(feedID)"), url: nil, text: text, language: "en",
            reasons: ["flood \(feedID)", "held \(held.count)", "cap \(cap)"], suggestedReply: "", threadID: id)
        task.relatedMentionIDs = held.prefix(20).map(\.mention.id)
        return JournalEvent(at: now, kind: .filed, taskID: id, task: task, mentionID: mentionID)
    }

    /// A flood task's mention id: `flood:FEED:TIME`, TIME the run's clock (its mentions' `fetchedAt`).
    static func floodMentionID(feedID: String, at now: Date) -> String { "flood:\(feedID):" + ISOTime.format(now) }

    /// The feed of a flood task's mention id (`floodMentionID`): the time has colons too, so the feed ends at the
    /// first colon after which an ISO time follows; nil for any other id.
    package static func floodFeed(ofMention mentionID: String) -> String? {
        guard mentionID.hasPrefix("flood:") else { return nil }
        let rest = mentionID.dropFirst("flood:".count)
        for index in rest.indices where rest[index] == ":" {
            if ISOTime.parse(String(rest[rest.index(after: index)...])) != nil { return String(rest[..<index]) }
        }
        return nil
    }
}
