import Foundation
import XCTest

@testable import Monitor

/// The run lock is on the alerts folder itself (issue 13 item 6), waits a bounded time, and refuses links.
final class RunLockTests: XCTestCase {
    private var root: URL!
    private var alerts: URL { root.appendingPathComponent("alerts") }
    private let now = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func testDeletingTheLockFileDoesNotReleaseTheLock() throws {
        do {
            let held = try RunLock(alertsFolder: alerts, now: now)
            try FileManager.default.removeItem(atPath: held.path)
            XCTAssertThrowsError(try RunLock(alertsFolder: alerts, now: now)) { error in
                guard case RunError.locked = error else { return XCTFail("\(error)") }
            }
            withExtendedLifetime(held) {}
        }
        XCTAssertNoThrow(try RunLock(alertsFolder: alerts, now: now), "released when its holder ends")
    }

    func testWaitsABoundedTimeThenSaysWhoHoldsIt() throws {
        var held: RunLock? = try RunLock(alertsFolder: alerts, now: now)
        let started = Date()
        XCTAssertThrowsError(try RunLock(alertsFolder: alerts, now: now, wait: 0.3)) { error in
            XCTAssertTrue("\(error)".contains("pid \(getpid())") && "\(error)".contains("after waiting"), "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.3)
        let release = DispatchWorkItem { held = nil }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2, execute: release)
        XCTAssertNoThrow(try RunLock(alertsFolder: alerts, now: now, wait: 10), "taken once the holder lets go")
        release.wait()
        XCTAssertNil(held)
    }

    func testALinkedLockFileOrInnerFolderIsRefusedAndNotFollowed() throws {
        let victim = root.appendingPathComponent("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: alerts.appendingPathComponent("vigia.lock"), withDestinationURL: victim)
        XCTAssertThrowsError(try RunLock(alertsFolder: alerts, now: now)) { error in
            XCTAssertEqual(error as? StoreError, .symbolicLink(path: alerts.appendingPathComponent("vigia.lock").path))
        }
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "keep me")
        try FileManager.default.removeItem(at: alerts.appendingPathComponent("vigia.lock"))
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: alerts.appendingPathComponent("state"), withDestinationURL: elsewhere)
        XCTAssertThrowsError(try RunLock(alertsFolder: alerts, now: now)) { error in
            XCTAssertEqual(error as? StoreError, .symbolicLink(path: alerts.appendingPathComponent("state").path))
        }
    }
}
