import Foundation
import ReputationCore

/// The identities the version before this one gave posts, for one purpose: the first poll of each feed after the
/// upgrade (a feed of `PollState.textLearningFeeds`, the same release) recognises what the state recorded under
/// them, once, instead of recording and filing it again. Two things changed:
/// - an id of 19 characters or more written as a JSON number went through a Double, spelt "2.1246352892290683e+18"
///   (posts 256 ids apart were one); ids are now read exactly (`JSONValue.bigInteger`);
/// - a link's fragment was dropped, so every comment of a comments feed (`…/post/#comment-101`) was the page's
///   post, each other comment recorded as its edit (`MentionIdentity.editID`) and a comment with the same letters
///   as the first lost; fragments that name a place in the page are now kept (`MentionIdentity.normalise`).
/// Nothing else may use these (they are the identities that let posts merge).
enum FormerIdentity {
    /// What the former version's text key (its identity and letters: digits, case and punctuation ignored, no
    /// accent folding) was for this item, when its identity changed since; nil when it did not. The state of that
    /// version holds such a key for every text it saw under an identity, the first post's and each edit's alike
    /// (`PollState.formerTexts`), so a post it recorded is told from a new one that shares its former identity (a
    /// new comment on the same page).
    static func textKey(of item: FeedItem, feed: FeedConfig, format: FeedFormat?, identity: MentionIdentity) -> String? {
        var former = item
        former.id = lossySpelling(of: item.id) ?? item.id
        former.reference?.id = lossySpelling(of: item.reference?.id) ?? item.reference?.id
        let key = identity.canonicalKey(former, feed: feed, format: format, droppingFragment: true)
        guard key != identity.canonicalKey(item, feed: feed, format: format) else { return nil }
        let text = identity.mention(from: item, feed: feed, format: format, fetchedAt: Date()).fullText
        let letters = text.lowercased().unicodeScalars.filter(\.properties.isAlphabetic)
        return StableHash.hex(of: "m-" + StableHash.hex(of: key) + "~" + String(String.UnicodeScalarView(letters)))
    }

    /// The spelling the lossy reading gave this id, when it would have differed; nil otherwise.
    static func lossySpelling(of id: String?) -> String? {
        guard let id, id.utf8.count >= 19 else { return nil }
        let digits = id.utf8.dropFirst(id.hasPrefix("-") ? 1 : 0)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Double(id) else { return nil }
        // Spelt as a JSON number read as a Double is spelt (`JSONValue.text`), which is what that version did.
        let spelt = JSONValue.double(value).text
        return spelt == id ? nil : spelt
    }
}
