import Foundation
import ReputationCore

/// What `vigia reply ID` shows before anything is sent: the reply, the channel and how (public or private), the
/// account it goes out from, the post it answers, and its length against the channel's limit.
struct ReplyPreview {
    let target: ReplyTarget
    let draft: ReplyDraft
    /// Nil when the channel cannot be answered from Vigía (copy-and-paste).
    let account: String?
    let limit: ReplyLimit?

    var length: Int { (limit ?? ReplyLimit(maximum: 0, unit: .characters)).length(of: draft.text) }

    var text: String {
        let mention = target.post.mention
        let how = target.kind == nil ? "copy and paste it: this channel has no write API in Vigía" : draft.visibility.rawValue
        var lines = ["Reply to \(target.task.id) on \(target.channel) (\(how))"]
        if let account, let feed = target.feed { lines.append("From: \(account) (feed \(feed.id))") }
        if let reason = draft.privateBecause { lines.append("Private because \(reason)") }
        let who = mention.author.handle ?? mention.author.name ?? "the customer"
        let excerpt = mention.fullText.count > 120 ? String(mention.fullText.prefix(119)) + "…" : mention.fullText
        lines.append("Answers: \(who): \"\(excerpt)\"" + (mention.url.map { " " + SafeText.url($0) } ?? ""))
        if let limit {
            let verdict = length > limit.maximum ? " — TOO LONG by \(length - limit.maximum)" : ""
            lines.append("Length: \(length) of \(limit.maximum) \(limit.unit.rawValue)\(verdict)")
        }
        lines += ["", draft.text, ""]
        if target.kind != nil { lines.append("Preview only: nothing was sent. Add --send to post it.") }
        return lines.joined(separator: "\n")
    }

    var fields: [String: JSONValue] {
        let mention = target.post.mention
        var post: [JSONMember] = [
            JSONMember(key: "mention_id", value: .string(mention.id)),
            JSONMember(key: "author", value: (mention.author.handle ?? mention.author.name).map(JSONValue.string) ?? .null),
            JSONMember(key: "text", value: .string(mention.fullText)),
            JSONMember(key: "url", value: mention.url.map(JSONValue.string) ?? .null),
        ]
        if let id = mention.reference?.id { post.append(JSONMember(key: "id", value: .string(id))) }
        var object: [String: JSONValue] = [
            "task": .string(target.task.id), "channel": .string(target.channel), "text": .string(draft.text),
            "visibility": .string(draft.visibility.rawValue), "can_send": .bool(target.kind != nil),
            "feed": target.feed.map { .string($0.id) } ?? .null, "account": account.map(JSONValue.string) ?? .null,
            "post": .object(post), "sent": .bool(false),
            "private_because": draft.privateBecause.map(JSONValue.string) ?? .null,
        ]
        if let limit {
            object["length"] = .int(Int64(length))
            object["limit"] = .int(Int64(limit.maximum))
            object["unit"] = .string(limit.unit.rawValue)
            object["fits"] = .bool(length <= limit.maximum)
        }
        return object
    }

    func json() -> String { Self.encode(fields) }

    static func encode(_ object: [String: JSONValue]) -> String {
        let data = (try? JournalCoding.encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
