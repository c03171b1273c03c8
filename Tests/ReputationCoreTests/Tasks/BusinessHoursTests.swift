import Foundation
import XCTest
@testable import ReputationCore

final class BusinessHoursTests: XCTestCase {
    let hours = TaskFixtures.officeHours

    func testInsideHoursIsPlainAddition() {
        let start = TaskFixtures.madridTime(2026, 11, 24, 10, 0)  // Tuesday
        XCTAssertEqual(hours.deadline(from: start, adding: 1800), TaskFixtures.madridTime(2026, 11, 24, 10, 30))
    }

    func testFridayEveningComplaintIsDueSaturdayMorning() {
        // Friday 19:45: 15 minutes today, the other 15 after Saturday's 10:00 opening.
        let start = TaskFixtures.madridTime(2026, 11, 27, 19, 45)
        XCTAssertEqual(hours.deadline(from: start, adding: 1800), TaskFixtures.madridTime(2026, 11, 28, 10, 15))
    }

    func testSaturdayAfternoonWaitsForMonday() {
        // Saturday 13:50: 10 minutes Saturday, Sunday closed, 20 minutes from Monday 09:00.
        let start = TaskFixtures.madridTime(2026, 11, 28, 13, 50)
        XCTAssertEqual(hours.deadline(from: start, adding: 1800), TaskFixtures.madridTime(2026, 11, 30, 9, 20))
        XCTAssertFalse(hours.isOpen(at: TaskFixtures.madridTime(2026, 11, 29, 12, 0)))
        XCTAssertTrue(hours.isOpen(at: TaskFixtures.madridTime(2026, 11, 30, 9, 0)))
    }

    func testADayLongAllowanceCountsOnlyOpenHours() {
        // 24 h of open time from Monday 09:00 = Mon 11 h + Tue 11 h + 2 h on Wednesday.
        let start = TaskFixtures.madridTime(2026, 11, 30, 9, 0)
        XCTAssertEqual(hours.deadline(from: start, adding: 86_400), TaskFixtures.madridTime(2026, 12, 2, 11, 0))
    }

    func testHolidayIsClosed() {
        // Thursday 24 Dec 19:50 → 10 minutes, Christmas closed, Saturday 26 from 10:00.
        let start = TaskFixtures.madridTime(2026, 12, 24, 19, 50)
        XCTAssertEqual(hours.deadline(from: start, adding: 1800), TaskFixtures.madridTime(2026, 12, 26, 10, 20))
    }

    func testDaylightSavingChangeKeepsLocalOpening() {
        // 2027-03-28 is the spring change in Madrid (a Sunday); Monday opens at 09:00 local, now UTC+2.
        let start = TaskFixtures.madridTime(2027, 3, 27, 13, 55)
        XCTAssertEqual(hours.deadline(from: start, adding: 600), TaskFixtures.madridTime(2027, 3, 29, 9, 5))
    }

    func testAlwaysOpen() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(BusinessHours.alwaysOpen.deadline(from: start, adding: 900), start.addingTimeInterval(900))
        XCTAssertTrue(BusinessHours.alwaysOpen.isAlwaysOpen)
    }

    func testSummaryGroupsDays() {
        XCTAssertEqual(hours.summary(language: "es"), "lun–vie 09:00–20:00; sáb 10:00–14:00 (Europe/Madrid)")
        XCTAssertEqual(hours.summary(language: "en"), "Mon–Fri 09:00–20:00; Sat 10:00–14:00 (Europe/Madrid)")
    }
}
