import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// OPEN.md sections rendered from tasks directly: the cases a week of fixtures does not reach.
final class OpenTasksPageTests: XCTestCase {
    private let page = OpenTasksPage(
        brand: "Casa *Alba*", timeZone: TimeZone(identifier: "America/Mexico_City")!, now: ViewFixtures.now)

    private func task(_ id: String, url: String?, deadlineIn: TimeInterval, state: ResponseTask.State = .filed)
        -> ResponseTask
    {
        var task = ResponseTask(
            id: id, mentionID: "m-\(id)", kind: .response, priority: .question, filedAt: ViewFixtures.now,
            deadline: ViewFixtures.now.addingTimeInterval(deadlineIn), channel: "reddit",
            author: Author(name: "Ana | *B*", handle: nil, reach: nil), url: url, text: "¿Abrís el domingo?\n\n-- Ana",
            language: "es", reasons: ["question"], suggestedReply: "Hola Ana, abrimos de 10 a 14 h.", threadID: id)
        task.state = state
        return task
    }

    func testSectionsForLinksStatesAndLaterPosts() {
        var joined = task("t-1", url: "javascript:alert(1)", deadlineIn: 5400)
        joined.relatedMentionIDs = ["m-2", "m-3"]
        let text = page.render([joined, task("t-2", url: nil, deadlineIn: -60, state: .acknowledged)])
        XCTAssertTrue(text.hasPrefix("# Open tasks — Casa \\*Alba\\*\n"), text)
        XCTAssertTrue(text.contains("Generated 2026-11-23 06:00 UTC-6. 2 open, 0 overdue."), text)
        XCTAssertTrue(text.contains("## 1. 1h 30m left — question — reddit"), text)
        XCTAssertTrue(text.contains("- Channel: reddit\n"), "no link for a javascript: URL")
        XCTAssertTrue(text.contains("- Author: Ana \\| \\*B\\*, reach unknown"), text)
        XCTAssertTrue(text.contains("- The customer wrote again: 2 later post(s) joined this task"))
        XCTAssertTrue(text.contains("> ¿Abrís el domingo?\n>\n> \\-- Ana"), text)
        XCTAssertTrue(text.contains("## 2. acknowledged, to resolve — question — reddit"), text)
        XCTAssertTrue(text.contains("(acknowledged; resolve and ask the customer to confirm)"), text)
    }

    func testClosedAndResolvedTasksAreLeftOut() {
        let text = page.render([
            task("t-3", url: nil, deadlineIn: 60, state: .resolved),
            task("t-4", url: nil, deadlineIn: 60, state: .closed),
        ])
        XCTAssertTrue(text.contains("Nothing open."), text)
        XCTAssertFalse(text.contains("## "))
    }
}
