import Foundation
import ReputationCore

extension ReplyDraft {
    /// A suggested (or `--variant`) reply longer than the channel takes, worded again to fit
    /// (`ReplyComposer.fitting`: shortest wording of each part, then without the hours, then without the request
    /// for order details), as Bluesky's 300 graphemes need. The person's own `--text` is never reworded, and a reply
    /// that cannot fit is left as it is, to be refused with its length.
    func fitted(to limit: ReplyLimit, target: ReplyTarget, settings: TaskSettings) -> ReplyDraft {
        guard limit.length(of: text) > limit.maximum else { return self }
        var input = ReplyComposer.Input(taskID: target.task.id, assessed: target.post)
        switch origin {
        case .written: return self
        case .variant(let number): input.variant = number
        case .suggested: break
        }
        guard let shorter = ReplyComposer.fitting(input, settings: settings, maximum: limit.maximum, length: limit.length(of:))
        else { return self }
        var draft = self
        draft.text = shorter
        return draft
    }
}
