import Foundation
import ReputationCore

/// The journal's reply events, per task: which replies went out (`replied`, by key) and which one was about to go
/// out when the run stopped (a `reply_intent` with no `replied` of its key after it). A later intent supersedes an
/// earlier one: it is written only once the earlier one was looked for on the network and not found.
struct ReplyHistory {
    private(set) var sent: [String: [String: JournalEvent]] = [:]
    private(set) var lastIntent: [String: JournalEvent] = [:]

    init(_ events: [JournalEvent]) {
        for event in events {
            guard let reply = event.reply else { continue }
            switch event.kind {
            case .replyIntent: lastIntent[event.taskID] = event
            case .replied: sent[event.taskID, default: [:]][reply.key] = event
            default: break
            }
        }
    }

    /// The `replied` event of this reply, if it went out.
    func replied(taskID: String, key: String) -> JournalEvent? { sent[taskID]?[key] }

    /// The reply already sent under this post of the task with this visibility (any earlier text): a post gets one
    /// public answer and one private message, so two people answering at once make one reply. A record without
    /// `in_reply_to` (written before it was recorded) counts as answering the post.
    func answered(taskID: String, post: String, visibility: ReplyVisibility) -> JournalEvent? {
        sent[taskID]?.values.filter { event in
            event.reply?.visibility == visibility && (event.reply?.inReplyTo ?? post) == post
        }.min { $0.at < $1.at }
    }

    /// The intent of a reply that may or may not have gone out.
    func pending(taskID: String) -> JournalEvent? {
        guard let intent = lastIntent[taskID], let key = intent.reply?.key, replied(taskID: taskID, key: key) == nil
        else { return nil }
        return intent
    }

    /// Every task with a pending intent, oldest intent first.
    var pendingTasks: [String] {
        lastIntent.keys.filter { pending(taskID: $0) != nil }.sorted { lastIntent[$0]!.at < lastIntent[$1]!.at }
    }
}
