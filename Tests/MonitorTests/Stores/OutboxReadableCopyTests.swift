import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Each outbox item keeps a readable `.txt` beside its `.json` (a community manager reads the outbox with `cat`):
/// a run stopped between the two writes must not leave an item without it, in the outbox or in `sent/`.
final class OutboxReadableCopyTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The readable copy cannot be written (a folder stands at its path, as a full disk would fail it): the item is
    /// not queued, so the next run's recomputed notice queues it whole once the cause is gone.
    func testAnItemWhoseReadableCopyFailsIsNotQueuedAndIsQueuedWholeNextRun() throws {
        let outbox = Outbox(folder: folder)
        let notice = Notice(
            eventID: "e-1", taskID: "t-1", channel: .email, target: "cm@casaalba.example", subject: "Vencida: t-1",
            body: "La tarea t-1 lleva 2 h sin respuesta.", fields: [:], createdAt: Date(timeIntervalSince1970: 1_795_000_000))
        let blocker = outbox.url(notice.id, "txt")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("x"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try outbox.enqueue([notice]))
        XCTAssertFalse(outbox.contains(notice.id), "an item without its readable copy was queued")

        try FileManager.default.removeItem(at: blocker)
        XCTAssertEqual(try outbox.enqueue([notice]), 1)
        let text = try String(contentsOf: blocker, encoding: .utf8)
        XCTAssertTrue(text.contains("La tarea t-1 lleva 2 h sin respuesta."), text)
        XCTAssertEqual(try outbox.enqueue([notice]), 0, "queued once")
    }

    /// Moved to `sent/` readable copy first: a run stopped after that leaves a `sent` JSON, which the next run moves.
    func testASentItemStoppedHalfMovedEndsWithBothFilesInSent() throws {
        let outbox = Outbox(folder: folder)
        let notice = Notice(
            eventID: "e-2", taskID: "t-2", channel: .email, target: "cm@casaalba.example", subject: "Crisis",
            body: "Pico de menciones.", fields: [:], createdAt: Date(timeIntervalSince1970: 1_795_000_000))
        XCTAssertEqual(try outbox.enqueue([notice]), 1)
        var item = try XCTUnwrap(try outbox.items().first)
        item.state = .sent
        try outbox.write(item)
        try FileManager.default.createDirectory(at: outbox.sentFolder, withIntermediateDirectories: true)
        let sentText = outbox.sentFolder.appendingPathComponent("\(notice.id).txt")
        XCTAssertEqual(rename(outbox.url(notice.id, "txt").path, sentText.path), 0)
        try outbox.settleSent()
        XCTAssertEqual(try outbox.items().count, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: sentText.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: outbox.sentFolder.appendingPathComponent("\(notice.id).json").path))
    }
}
