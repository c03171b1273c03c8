import Foundation
import ReputationCore

/// Before JSON whole numbers were read exactly (`JSONValue.bigInteger`), an id of 19 characters or more written as a
/// number went through a Double and was spelt "2.124635289229068e+18": posts 256 ids apart had one identity, and
/// every such post's identity changed when ids became exact. The first poll of a feed after that upgrade (a feed of
/// `PollState.textLearningFeeds`, the same release) recognises what the state recorded under the lossy spelling,
/// once, instead of recording and filing it again.
enum LossyNumericID {
    /// The spelling the lossy reading gave this id, when it would have differed; nil otherwise.
    static func former(of id: String?) -> String? {
        guard let id, id.utf8.count >= 19, id.utf8.count <= 4096 else { return nil }
        let digits = id.utf8.dropFirst(id.hasPrefix("-") ? 1 : 0)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Double(id) else { return nil }
        let spelt = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        return spelt == id ? nil : spelt
    }

    /// The item as the lossy reading saw it (its id, and the reference id a source kind keys on), if that differs.
    static func formerItem(_ item: FeedItem) -> FeedItem? {
        var lossy = item
        lossy.id = former(of: item.id) ?? item.id
        lossy.reference?.id = former(of: item.reference?.id) ?? item.reference?.id
        return lossy.id == item.id && lossy.reference?.id == item.reference?.id ? nil : lossy
    }
}
