import Foundation
import ReputationCore

/// Why `vigia reply` did not post (or could not tell whether an earlier reply went out). Each says what and where
/// (the task, the channel, the feed) and maps to the exit code a script can act on.
enum ReplyError: Error, CustomStringConvertible, Sendable {
    /// The task is not an answer to a post (a crisis or a source-health task).
    case notAPost(task: String, kind: String)
    /// The task's post is not in `alerts/mentions/` (moved aside, or recorded by an older version).
    case postNotFound(task: String, mention: String)
    /// No configured source kind can write to this channel: the reply is copied and pasted by hand.
    case noWriteAPI(task: String, channel: String)
    /// The channel has a write API but this feed cannot use it (no token, no user account).
    case cannotAnswer(task: String, feed: String, reason: String)
    case noPrivateMessages(task: String, channel: String)
    case tooLong(task: String, length: Int, limit: ReplyLimit, channel: String)
    /// `--text` asks to remove the post or argues with the customer.
    case wording(task: String, reason: String)
    /// The post already has an answer with this visibility (another text, maybe by someone else at the same time).
    case alreadyAnswered(task: String, visibility: ReplyVisibility, by: String, at: Date, url: String?)
    /// The network refused or did not answer; nothing went out as far as Vigía knows.
    case notSent(task: String, reason: String, needsOperator: Bool)
    /// The network could not be asked (limit, account, or the look-up for an interrupted reply).
    case lookupFailed(task: String, reason: String, needsOperator: Bool)

    var description: String {
        switch self {
        case let .notAPost(task, kind):
            return "\(task) is a \(kind) task, not a post: there is nothing to reply to"
        case let .postNotFound(task, mention):
            return "\(task): its post (\(mention)) is not in alerts/mentions/, so where to answer is unknown; "
                + "answer in the channel by hand and record it with 'vigia ack \(task)'"
        case let .noWriteAPI(task, channel):
            return "\(task): the \(channel) channel has no write API in Vigía (feeds, Hacker News, App Store and mail "
                + "keep copy-and-paste): copy the reply above into \(channel), then 'vigia ack \(task)'. Nothing was sent"
        case let .cannotAnswer(task, feed, reason):
            return "\(task): feed \(feed) cannot post replies: \(reason). Nothing was sent"
        case let .noPrivateMessages(task, channel):
            return "\(task): \(channel) has no private messages; reply in public asking the customer to write privately"
        case let .tooLong(task, length, limit, channel):
            return "\(task): the reply is \(length) \(limit.unit.rawValue), \(channel) takes at most \(limit.maximum): "
                + "shorten it (--text); nothing was cut or sent"
        case let .wording(task, reason):
            return "\(task): \(reason); nothing was sent"
        case let .alreadyAnswered(task, visibility, by, at, url):
            return "\(task): this post was already answered (\(visibility.rawValue)) by \(by) at \(ISOTime.format(at))"
                + (url.map { " (\(SafeText.url($0)))" } ?? "") + "; a second answer to the same post is not sent. "
                + "Answer the customer's next post, or write privately with --private. Nothing was sent"
        case let .notSent(task, reason, _):
            return "\(task): reply NOT sent: \(reason). Nothing was recorded as sent; run the same command again to retry"
        case let .lookupFailed(task, reason, _):
            return "\(task): \(reason)"
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .notAPost, .noPrivateMessages: return .usage
        case .postNotFound, .cannotAnswer, .tooLong, .wording, .alreadyAnswered: return .dataError
        case .noWriteAPI: return .unavailable
        case let .notSent(_, _, operatorNeeded), let .lookupFailed(_, _, operatorNeeded):
            return operatorNeeded ? .dataError : .unavailable
        }
    }
}
