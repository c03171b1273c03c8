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

/// Issue 19: a crisis week leaves thousands of open tasks; OPEN.md keeps the most urgent 200 in full and the rest
/// one line each, with counts per intent and channel at the top.
final class LargeOpenTasksPageTests: XCTestCase {
    func testThousandsOfTasksMakeAReadablePage() {
        let now = ViewFixtures.now
        let channels = ["x", "reddit", "mastodon"]
        let tasks = (0..<3000).map { index in
            ResponseTask(
                id: "t-\(index)", mentionID: "m-\(index)", kind: .response, priority: index % 2 == 0 ? .complaint : .question,
                filedAt: now, deadline: now.addingTimeInterval(TimeInterval(index * 60 - 600)), channel: channels[index % 3],
                author: Author(name: "Cliente \(index)", handle: nil, reach: index),
                url: "https://example.com/\(index)",
                text: "Pedido \(index) sin llegar\n*otra vez* " + String(repeating: "muy mal ", count: 40),
                language: "es", reasons: ["late_delivery"], suggestedReply: "Hola, lo revisamos ya.", threadID: "t-\(index)")
        }
        let page = OpenTasksPage(brand: "Casa Alba", timeZone: TimeZone(identifier: "UTC")!, now: now).render(tasks)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(page.contains("3000 open, 11 overdue."), String(page.prefix(300)))
        XCTAssertTrue(page.contains("- By channel: mastodon 1,000 · reddit 1,000 · x 1,000"), String(page.prefix(600)))
        XCTAssertEqual(lines.count { $0.hasPrefix("## ") && $0.contains(". ") && !$0.hasPrefix("## The other") }, 200)
        XCTAssertEqual(lines.count { $0.hasPrefix("Post:") }, 200, "only the first 200 are quoted in full")
        XCTAssertTrue(lines.contains("## 1. OVERDUE by 10m — complaint — x"), "most urgent first")
        XCTAssertTrue(page.contains("## The other 2800 open tasks"))
        let entries = lines.filter { $0.range(of: #"^\d+\. "#, options: .regularExpression) != nil }
        XCTAssertEqual(entries.count, 2800)
        XCTAssertTrue(entries[0].hasPrefix("201. "), String(entries[0]))
        XCTAssertTrue(entries[0].contains("`t-200`"), String(entries[0]))
        XCTAssertTrue(entries[0].contains(": Pedido 200 sin llegar \\*otra vez\\* muy mal"), "one escaped line: \(entries[0])")
        XCTAssertTrue(entries[0].hasSuffix("…"), "long posts are cut on the one-line entries")
        XCTAssertTrue(entries.last!.hasPrefix("3000. "), String(entries.last!))
        // A line each: the page grows by a bounded amount per task beyond the first 200.
        XCTAssertLessThan(entries.map(\.utf8.count).max()!, 400)
        XCTAssertLessThan(page.utf8.count, 1_000_000, "readable size")
    }

    func testCountsByIntentNameTheKindOfTasksWithoutOne() {
        let now = ViewFixtures.now
        var crisis = ResponseTask(
            id: "t-c", mentionID: "crisis:brand", kind: .crisis, priority: .complaint, filedAt: now,
            deadline: now.addingTimeInterval(600), channel: "all", author: Author(name: nil, handle: nil, reach: nil),
            url: nil, text: "Crisis", language: "es", reasons: [], suggestedReply: "", threadID: "t-c")
        crisis.intent = nil
        let page = OpenTasksPage(brand: "", timeZone: TimeZone(identifier: "UTC")!, now: now).render([crisis])
        XCTAssertTrue(page.contains("- By intent: crisis 1\n"), page)
        XCTAssertFalse(page.contains("## The other"))
    }
}
