import ReputationCore
import XCTest
@testable import Monitor

/// How the journal's reply events say what went out and what a crash left pending.
final class ReplyHistoryTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func event(_ kind: JournalEvent.Kind, task: String, key: String, at minute: Int, postID: String? = nil) -> JournalEvent {
        var event = JournalEvent(
            at: start.addingTimeInterval(Double(minute) * 60), kind: kind, taskID: task, by: "eva",
            identity: "\(kind.rawValue)/\(task)/\(key)/\(minute)")
        event.reply = ReplyRecord(key: key, visibility: .public, text: "hola", postID: postID)
        return event
    }

    func testAnIntentWithoutItsRepliedIsPendingUntilRepliedOrSuperseded() {
        let sentOnce = ReplyHistory([event(.replyIntent, task: "t-1", key: "a", at: 0), event(.replied, task: "t-1", key: "a", at: 1, postID: "9")])
        XCTAssertNil(sentOnce.pending(taskID: "t-1"))
        XCTAssertEqual(sentOnce.replied(taskID: "t-1", key: "a")?.reply?.postID, "9")
        XCTAssertNil(sentOnce.replied(taskID: "t-1", key: "b"), "another text is another reply")

        let crashed = ReplyHistory([event(.replyIntent, task: "t-1", key: "a", at: 0), event(.replyIntent, task: "t-2", key: "c", at: 1)])
        XCTAssertEqual(crashed.pending(taskID: "t-1")?.reply?.key, "a")
        XCTAssertEqual(crashed.pendingTasks, ["t-1", "t-2"], "oldest first")

        // An intent not found on the network is superseded by the next one; that one's replied settles the task.
        let retried = ReplyHistory([
            event(.replyIntent, task: "t-1", key: "a", at: 0), event(.replyIntent, task: "t-1", key: "b", at: 2),
            event(.replied, task: "t-1", key: "b", at: 3, postID: "10"),
        ])
        XCTAssertNil(retried.pending(taskID: "t-1"))
        XCTAssertTrue(retried.pendingTasks.isEmpty)
    }

    func testTheNetworksRenderingOfTheReplyMatchesItsText() {
        let html = #"<p><span class="h-card"><a href="https://x.example/@ana" class="u-url mention">@<span>ana</span></a></span> gracias &amp; un saludo, ^EQ</p>"#
        XCTAssertTrue(ReplyMatch.same(PlainText.fromHTML(html).text, "@ana gracias & un saludo, ^EQ"))
        XCTAssertFalse(ReplyMatch.same(PlainText.fromHTML(html).text, "@ana gracias, ^EQ"))
        XCTAssertFalse(ReplyMatch.same("", ""), "an empty text matches nothing")
    }

    func testTheKeyFollowsTheTaskTheVisibilityAndTheText() {
        let draft = ReplyDraft(text: "Hola @ana", visibility: .public, origin: .suggested)
        var other = draft
        other.visibility = .private
        XCTAssertEqual(draft.key(taskID: "t-1"), draft.key(taskID: "t-1"))
        XCTAssertNotEqual(draft.key(taskID: "t-1"), draft.key(taskID: "t-2"))
        XCTAssertNotEqual(draft.key(taskID: "t-1"), other.key(taskID: "t-1"))
    }

    func testMastodonCountsALinkAs23AndARemoteMentionByItsName() {
        let limit = ReplyLimit(maximum: 500, unit: .mastodon)
        let link = "https://casaalba.example/ayuda/envios/seguimiento-de-pedidos?utm=1"
        XCTAssertEqual(limit.length(of: "Mira \(link) ^EQ"), "Mira ".count + 23 + " ^EQ".count)
        XCTAssertEqual(limit.length(of: "Hola @ana@social.example, ¿qué tal? 👩‍👩‍👧"), "Hola @ana, ¿qué tal? 👩‍👩‍👧".count)
        XCTAssertEqual(limit.length(of: "escribe a soporte@casaalba.example"), "escribe a soporte@casaalba.example".count,
                       "an email address is not a mention")
        XCTAssertEqual(ReplyLimit(maximum: 10, unit: .characters).length(of: "👩‍👩‍👧"), 5, "code points elsewhere")
    }
}
