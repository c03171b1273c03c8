import XCTest

@testable import Monitor

final class ReportMathTests: XCTestCase {
    func testPercentileInterpolatesBetweenRanks() {
        XCTAssertNil(ReportMath.percentile([], 50))
        XCTAssertEqual(ReportMath.percentile([7], 90), 7)
        XCTAssertEqual(ReportMath.percentile([4, 1, 3, 2], 50), 2.5)
        XCTAssertEqual(ReportMath.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)!, 9.1, accuracy: 1e-9)
        XCTAssertEqual(ReportMath.percentile([600, 600, 600, 600, 7200], 90)!, 4560, accuracy: 1e-9)
    }

    func testNetSentimentSpansMinus100To100() {
        XCTAssertNil(ReportMath.netSentiment(positive: 0, negative: 0, total: 0))
        XCTAssertEqual(ReportMath.netSentiment(positive: 10, negative: 0, total: 10), 100)
        XCTAssertEqual(ReportMath.netSentiment(positive: 0, negative: 4, total: 4), -100)
        XCTAssertEqual(ReportMath.netSentiment(positive: 3, negative: 1, total: 8), 25)
        XCTAssertEqual(ReportMath.netSentiment(positive: 1, negative: 2, total: 3), -33)
    }

    func testComplianceCountsOnlyDueTasks() {
        XCTAssertNil(ReportMath.compliance(within: 0, breached: 0))
        XCTAssertEqual(ReportMath.compliance(within: 3, breached: 1), 75)
    }

    func testTrendNeedsARealChange() {
        XCTAssertEqual(ReportMath.trend(earlier: 1, later: 6), .rising)
        XCTAssertEqual(ReportMath.trend(earlier: 6, later: 1), .falling)
        XCTAssertEqual(ReportMath.trend(earlier: 1, later: 2), .steady)
        XCTAssertEqual(ReportMath.trend(earlier: 20, later: 22), .steady)
    }

    func testNumbersPrintTheSameEverywhere() {
        XCTAssertEqual(ViewNumber.grouped(25_000), "25,000")
        XCTAssertEqual(ViewNumber.grouped(999), "999")
        XCTAssertEqual(ViewNumber.grouped(-1_234_567), "-1,234,567")
        XCTAssertEqual(ViewNumber.percent(87.54), "87.5%")
        XCTAssertEqual(ViewNumber.percent(100), "100%")
        XCTAssertEqual(ReportCharts.niceCeiling(0), 1)
        XCTAssertEqual(ReportCharts.niceCeiling(13), 20)
        XCTAssertEqual(ReportCharts.niceCeiling(50), 50)
        XCTAssertEqual(ReportCharts.niceCeiling(51), 100)
    }
}
