import Foundation
import XCTest

@testable import ReputationCore

/// `ISOTime.format` writes its digits itself (it is on every journal line): it must spell every time as the
/// C formatting it replaced does, at the ends of the calendar too.
final class ISOTimeFormatTests: XCTestCase {
    private func reference(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let bounded = seconds.isFinite ? min(max(seconds, -62_135_596_800), 253_402_300_799) : 0
        var time = time_t(floor(bounded))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    func testEveryTimeIsSpeltAsBefore() {
        var generator = SystemRandomNumberGenerator()
        var dates = [-1e300, -62_135_596_800, -1, 0, 0.5, 1_795_000_000, 253_402_300_799, 1e300, .infinity, .nan]
            .map(Date.init(timeIntervalSince1970:))
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -62_135_596_800...253_402_300_799, using: &generator)))
        }
        for date in dates { XCTAssertEqual(ISOTime.format(date), reference(date), "\(date.timeIntervalSince1970)") }
        XCTAssertEqual(ISOTime.format(Date(timeIntervalSince1970: 1_795_000_000)), "2026-11-18T11:06:40Z")
    }
}
