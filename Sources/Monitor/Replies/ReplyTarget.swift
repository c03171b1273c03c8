import Foundation
import ReputationCore

/// Where a task's reply goes: the customer's post as the mention log recorded it (its platform reference, its
/// author, its triage), and the feed whose source kind can answer it. Tasks name their post by mention id
/// (`ResponseTask.mentionID`, later posts in `relatedMentionIDs`); the mention names the feeds that carried it.
struct ReplyTarget {
    var task: ResponseTask
    /// The post answered: the customer's latest post on the task (where the conversation is now).
    var post: AssessedMention
    /// The feed that answers, and its kind; nil when no configured source kind can write to the channel.
    var feed: FeedConfig?
    var kind: (any ReplyingKind)?
    /// The address of the source the post's reference was read from (see `OutgoingReply.readFrom`).
    var readFrom: URL?
    /// Every post of the task found in the log (a reply interrupted under an earlier one is looked for there).
    var posts: [AssessedMention] = []
    var feedAddresses: [String: URL] = [:]

    var channel: String { post.mention.channel }

    /// The task's post and the feed to answer through: the first feed that carried the post and can write, else a
    /// feed of the same channel that can (a post read through an RSS bridge or a feed without a token, answered
    /// with the account's feed).
    static func find(
        _ task: ResponseTask, configuration: Configuration, log: MentionLog
    ) throws -> ReplyTarget {
        guard task.kind == .response else { throw ReplyError.notAPost(task: task.id, kind: task.kind.rawValue) }
        let wanted = Set(task.allMentionIDs)
        // Mentions are filed by the day they were recorded, which is the day the task was filed or later.
        var found = try log.all(since: task.filedAt.addingTimeInterval(-86_400)).filter { wanted.contains($0.mention.id) }
        if found.isEmpty { found = try log.all().filter { wanted.contains($0.mention.id) } }
        let newestFirst = task.allMentionIDs.reversed()
        guard let post = newestFirst.lazy.compactMap({ id in found.last { $0.mention.id == id } }).first else {
            throw ReplyError.postNotFound(task: task.id, mention: task.mentionID)
        }
        let feeds = Dictionary(configuration.feeds.map { ($0.id, $0) }) { first, _ in first }
        let carried = post.mention.sources.compactMap { feeds[$0] }
        let carriedIDs = Set(carried.map(\.id))
        let sameChannel = configuration.feeds.filter { $0.channel == post.mention.channel && !carriedIDs.contains($0.id) }
        let candidates = (carried + sameChannel).filter { $0.source?.kind is any ReplyingKind }
        // A feed that can post first (the brand's account), else the first that could with write credentials, so
        // the error names what is missing.
        let answering = candidates.first { ($0.source?.kind as? any ReplyingKind)?.canReply == true } ?? candidates.first
        return ReplyTarget(
            task: task, post: post, feed: answering, kind: answering?.source?.kind as? any ReplyingKind,
            readFrom: post.mention.sources.first.flatMap { feeds[$0]?.source?.address }, posts: found,
            feedAddresses: feeds.compactMapValues { $0.source?.address })
    }

    /// The same answer to another of the task's posts (the one an interrupted reply answered); itself when that
    /// post is this one, unknown, or not in the log.
    func answering(_ mentionID: String?) -> ReplyTarget {
        guard let mentionID, mentionID != post.mention.id,
              let earlier = posts.last(where: { $0.mention.id == mentionID })
        else { return self }
        var target = self
        target.post = earlier
        target.readFrom = earlier.mention.sources.first.flatMap { feedAddresses[$0] }
        return target
    }

    /// The reply as the network code takes it.
    func outgoing(_ text: String, visibility: ReplyVisibility, key: String) -> OutgoingReply {
        let author = post.mention.author
        return OutgoingReply(
            post: post.mention.reference ?? PostReference(), postURL: post.mention.url, readFrom: readFrom,
            author: (author.handle ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "@ ")), text: text,
            visibility: visibility, key: key)
    }
}
