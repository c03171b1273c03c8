import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Links planted in alerts/ are never followed (issue 13 item 7): appends, reads, settling a torn tail, atomic
/// writes, the poll state and the outbox lock all leave the link's target untouched.
final class StoreLinkTests: XCTestCase {
    private var root: URL!
    private var alerts: URL { root.appendingPathComponent("alerts") }
    private var victim: URL { root.appendingPathComponent("victim.txt") }
    private let original = "the victim's own content, no newline at the end"

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: alerts.appendingPathComponent("mentions"), withIntermediateDirectories: true)
        try Data(original.utf8).write(to: victim)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    private func plant(_ name: String, to target: URL? = nil) throws -> URL {
        let link = alerts.appendingPathComponent(name)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target ?? victim)
        return link
    }

    private func assertVictimIntact(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try? String(contentsOf: victim, encoding: .utf8), original, "written through a link", file: file, line: line)
    }

    private func assertRefused(_ link: URL, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, .symbolicLink(path: link.path), file: file, line: line)
        }
    }

    func testJournalAppendReadAndTailSettlingRefuseALink() throws {
        let link = try plant("journal.jsonl")
        let journal = JournalFile(url: link)
        assertRefused(link) { try journal.append([JournalEvent(at: Date(), kind: .noted, taskID: "t-1", note: "x")]) }
        assertRefused(link) { _ = try journal.read(JournalEvent.self) }
        let lock = try RunLock(alertsFolder: alerts, now: Date())
        assertRefused(link) { _ = try journal.settleTail(JournalEvent.self, holding: lock) }
        assertVictimIntact()
    }

    func testMentionDayFileLinkIsRefused() throws {
        let name = MentionLog.fileName(for: Date(timeIntervalSince1970: 1_795_000_000))
        let link = try plant("mentions/" + name)
        let log = MentionLog(alertsFolder: alerts)
        let mention = EscalationFixtures.complaint(id: "m1", postedAt: Date(timeIntervalSince1970: 1_795_000_000))
        assertRefused(link) { try log.append([mention], recordedAt: Date(timeIntervalSince1970: 1_795_000_000)) }
        let lock = try RunLock(alertsFolder: alerts, now: Date())
        assertRefused(link) { _ = try log.settleTails(holding: lock) }
        assertRefused(link) { _ = try log.all() }
        assertVictimIntact()
    }

    func testAtomicWritesNeverWriteThroughALink() throws {
        let target = alerts.appendingPathComponent("OPEN.md")
        _ = try plant("OPEN.md.tmp-\(getpid())")
        try AtomicFile.write(Data("open tasks".utf8), to: target)
        assertVictimIntact()
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "open tasks")
        // A link at the target itself is replaced by the new file, its target left alone.
        try FileManager.default.removeItem(at: target)
        _ = try plant("OPEN.md")
        try AtomicFile.write(Data("open tasks".utf8), to: target)
        assertVictimIntact()
        XCTAssertFalse(StoreFile.isLink(target.path))
    }

    func testPollStateLinkIsRefused() throws {
        try FileManager.default.createDirectory(at: alerts.appendingPathComponent("state"), withIntermediateDirectories: true)
        let link = try plant("state/poll-state.json")
        assertRefused(link) { _ = try PollState.load(from: link, crisisSettings: .default) }
        assertVictimIntact()
    }

    func testOutboxLockLinkCreatesNothingThroughIt() throws {
        let outbox = alerts.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let absent = root.appendingPathComponent("created-through-link")
        _ = try plant("outbox/.lock", to: absent)
        let link = outbox.appendingPathComponent(".lock")
        assertRefused(link) { _ = try OutboxLock(folder: outbox) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: absent.path), "O_CREAT followed the link")
    }
}
