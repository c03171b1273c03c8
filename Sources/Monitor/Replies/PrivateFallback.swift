import Foundation
import ReputationCore

extension ReplyTarget {
    /// The reply as the network code takes it, with, for a private one, the public answer that goes out if the
    /// customer accepts no private messages (Bluesky chat): worded from `[private_closed]` in the post's language,
    /// greeting the customer and signed like every suggestion. Deterministic for a task, so a recovery after a
    /// crash looks for the same text.
    func outgoing(_ text: String, visibility: ReplyVisibility, key: String, settings: TaskSettings) -> OutgoingReply {
        var reply = outgoing(text, visibility: visibility, key: key)
        guard visibility == .private else { return reply }
        let input = ReplyComposer.Input(
            taskID: task.id, section: .privateClosed, language: post.sentiment.language, author: post.mention.author,
            channel: channel)
        reply.publicFallback = ReplyComposer.reply(input, settings: settings)
        return reply
    }
}
