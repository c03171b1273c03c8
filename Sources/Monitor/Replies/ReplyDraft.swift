import Foundation
import ReputationCore

/// The text that goes out and how: the task's suggestion (or the same reply worded with variant N, or the
/// person's own `--text`), made to name the customer and carry the initials, public or private, and the key that
/// makes it go out once.
struct ReplyDraft: Sendable, Hashable {
    enum Origin: Sendable, Hashable {
        case suggested
        case variant(Int)
        case written
    }

    var text: String
    var visibility: ReplyVisibility
    var origin: Origin
    /// Why the reply is private when nobody asked for it (the post exposed private data), for the preview.
    var privateBecause: String?

    /// Derived from the task, the visibility and the text: the same reply always has the same key, a different
    /// text (or the same text privately) is another reply.
    func key(taskID: String) -> String {
        "vigia-" + taskID + "-" + StableHash.hex(of: taskID + "\u{1F}" + visibility.rawValue + "\u{1F}" + text)
    }

    struct Request: Sendable, Equatable {
        var text: String?
        var variant: Int?
        var wantsPrivate: Bool
    }

    static func make(_ request: Request, target: ReplyTarget, settings: TaskSettings) throws(ReplyError) -> ReplyDraft {
        let task = target.task
        var draft: ReplyDraft
        if let written = request.text {
            if let removal = NoDeletionPolicy.removal(inText: written) {
                throw .wording(task: task.id, reason: "the reply asks to remove the post ('\(removal)'): criticism is answered, never removed")
            }
            if let phrase = ReplyTemplates.arguingPhrase(in: written) {
                throw .wording(task: task.id, reason: "the reply argues with the customer ('\(phrase)')")
            }
            let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .wording(task: task.id, reason: "--text is empty") }
            guard saysSomething(trimmed, initials: settings.signature) else {
                throw .wording(task: task.id, reason: "--text says nothing but a name or the initials")
            }
            draft = ReplyDraft(text: signed(trimmed, target: target, settings: settings), visibility: .public, origin: .written)
        } else if let variant = request.variant {
            var input = ReplyComposer.Input(taskID: task.id, assessed: target.post)
            input.variant = variant
            draft = ReplyDraft(text: ReplyComposer.reply(input, settings: settings), visibility: .public, origin: .variant(variant))
        } else {
            draft = ReplyDraft(text: task.suggestedReply, visibility: .public, origin: .suggested)
        }
        let exposed = target.post.triage.privateData.map(\.kind)
        if request.wantsPrivate {
            draft.visibility = .private
        } else if !exposed.isEmpty, target.kind?.hasPrivateMessages ?? false {
            // The post shows the customer's data: the "please take it off and write to us privately" message goes in
            // private, so the reply does not point at the data in public.
            draft.visibility = .private
            draft.privateBecause = "the post exposed private data (\(exposed.joined(separator: ", ")))"
        }
        return draft
    }

    /// Whether a text has words of its own once names (`@…`, `u/…`) and the initials are set aside: a reply of
    /// only "@ana ^EQ" answers nothing and would still count as the first response.
    static func saysSomething(_ text: String, initials: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains { word in
            let lowered = word.lowercased()
            if lowered.hasPrefix("@") || lowered.hasPrefix("u/") || lowered.hasPrefix("/u/") { return false }
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "^.,;:!-–—"))
            if !initials.isEmpty, bare.caseInsensitiveCompare(initials) == .orderedSame { return false }
            return bare.contains { $0.isLetter || $0.isNumber }
        }
    }

    /// The person's text, naming the customer (as the suggestions greet them on this channel) and ending with the
    /// initials, each added only when missing.
    static func signed(_ text: String, target: ReplyTarget, settings: TaskSettings) -> String {
        var result = text
        let greeting = ReplyName.greeting(for: target.post.mention.author, channel: target.channel)
        // A text that starts by naming someone names the customer as the person chose (the handle a feed recorded
        // is not always the post's author: the network checks who the reply reaches).
        let named = result.hasPrefix("@") || result.lowercased().hasPrefix("u/")
        if !greeting.isEmpty, !named, result.range(of: greeting, options: .caseInsensitive) == nil {
            result = greeting + " " + result
        }
        let initials = settings.signature
        if !initials.isEmpty, !result.hasSuffix(initials), !result.hasSuffix(initials + ".") {
            result += " ^" + initials
        }
        return result
    }
}
