import Foundation
import XCTest
@testable import ReputationCore

/// The complaint protocol and the no-deletion rule.
final class TaskProtocolTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func filedTask() throws -> (TaskBook, ResponseTask) {
        var book = TaskBook()
        _ = TaskFixtures.file(
            [TaskFixtures.assessed(id: "m1", text: "Fatal", postedAt: now)], into: &book, settings: TaskFixtures.settings(), now: now)
        return (book, try XCTUnwrap(book.tasks.first))
    }

    private func apply(_ action: TaskAction, _ book: inout TaskBook, _ id: String) throws {
        book.apply(try action.event(for: book.task(id: id)!, by: "eva", note: "n", now: now, reopenDeadline: now.addingTimeInterval(60)))
    }

    func testFullProtocol() throws {
        var (book, task) = try filedTask()
        try apply(.acknowledge, &book, task.id)
        XCTAssertEqual(book.task(id: task.id)?.state, .acknowledged)
        XCTAssertFalse(book.task(id: task.id)!.isOverdue(now: now.addingTimeInterval(1e6)), "acknowledged stops the clock")
        try apply(.resolve, &book, task.id)
        XCTAssertThrowsError(try apply(.close(confirmed: false), &book, task.id)) { error in
            XCTAssertEqual(error as? TaskError, .needsConfirmation(id: task.id))
        }
        try apply(.close(confirmed: true), &book, task.id)
        task = book.task(id: task.id)!
        XCTAssertEqual(task.state, .closed)
        XCTAssertTrue(task.confirmed)
        try apply(.reopen, &book, task.id)
        XCTAssertEqual(book.task(id: task.id)?.state, .filed)
        XCTAssertEqual(book.task(id: task.id)?.deadline, now.addingTimeInterval(60))
    }

    func testOutOfOrderStepsAreRefused() throws {
        var (book, task) = try filedTask()
        XCTAssertThrowsError(try apply(.resolve, &book, task.id), "acknowledge comes first")
        XCTAssertThrowsError(try apply(.close(confirmed: true), &book, task.id), "only resolved tasks close")
        XCTAssertThrowsError(try apply(.reopen, &book, task.id), "an open task cannot be reopened")
        XCTAssertThrowsError(try TaskAction.note.event(for: task, by: "eva", note: nil, now: now, reopenDeadline: now))
        try apply(.note, &book, task.id)
        XCTAssertEqual(book.task(id: task.id)?.lastNote, "n")
    }

    func testRemovalVerbsAreRefused() {
        for verb in ["delete", "hide", "block", "report", "remove", "rm", "borrar", "ocultar", "bloquear", "denunciar"] {
            XCTAssertThrowsError(try TaskAction(verb: verb), verb) { error in
                guard case .forbiddenAction = error as? TaskError else { return XCTFail("\(verb): \(error)") }
                XCTAssertTrue("\(error)".contains("criticism is answered, not removed"))
            }
        }
        XCTAssertEqual(try TaskAction(verb: "ack"), .acknowledge)
        XCTAssertNil(try TaskAction(verb: "frobnicate"))
        XCTAssertThrowsError(try ResponseAction.parse("hide_post", source: "x"))
        XCTAssertEqual(try ResponseAction.parse("reply privately", source: "x"), .replyPrivately)
    }

    func testFoldIsTolerantAndIdempotent() throws {
        var (book, task) = try filedTask()
        let ack = try TaskAction.acknowledge.event(for: task, by: "eva", note: nil, now: now, reopenDeadline: now)
        book.apply(ack)
        book.apply(ack)
        book.apply(JournalEvent(at: now, kind: .acknowledged, taskID: "t-unknown"))
        XCTAssertEqual(book.tasks.count, 1)
        XCTAssertEqual(book.task(id: task.id)?.state, .acknowledged)
    }

    func testIDPrefixLookup() throws {
        let (book, task) = try filedTask()
        XCTAssertEqual(try book.resolve(id: String(task.id.prefix(6))).id, task.id)
        XCTAssertThrowsError(try book.resolve(id: "t-zzzz"))
    }

    func testJournalEventRoundTripsWithSnakeCaseKeys() throws {
        let (_, task) = try filedTask()
        let event = JournalEvent(at: now, kind: .filed, taskID: task.id, task: task, mentionID: task.mentionID)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(event)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"task_id\""))
        XCTAssertTrue(text.contains("\"suggested_reply\""))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        XCTAssertEqual(try decoder.decode(JournalEvent.self, from: data), event)
    }
}
