import ReputationCore
import XCTest
@testable import Monitor

final class CrisisReplayCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func replay(_ csv: String, explain: Bool = false) throws -> String {
        let input = folder.appendingPathComponent("in.csv"), output = folder.appendingPathComponent("out.csv")
        try csv.write(to: input, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        try CrisisReplayCommand.run(file: input, output: handle, settings: .default, explain: explain)
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A flat series, then a burst: one row out per row in, same timestamps, the burst flagged.
    func testOneRowPerBucketSameTimestampsAndTheSpikeFlagged() throws {
        var csv = "timestamp,value\r\n"
        let start = ISOTime.parse("2026-11-01T00:00:00Z")!
        var stamps: [String] = []
        for bucket in 0..<(3 * 288) {
            let date = start.addingTimeInterval(Double(bucket) * 300)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            let stamp = formatter.string(from: date)
            stamps.append(stamp)
            let value = bucket >= 2 * 288 + 100 && bucket < 2 * 288 + 106 ? 60 : 3 + bucket % 3
            csv += "\(stamp),\(value)\r\n"
        }
        let lines = try replay(csv).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "timestamp,alert")
        XCTAssertEqual(lines.count, stamps.count + 1)
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: ",")[0]) }, stamps)
        let alerts = lines.dropFirst().map { $0.hasSuffix(",1") }
        XCTAssertTrue(alerts[(2 * 288 + 100)..<(2 * 288 + 106)].contains(true), "the burst must alert")
        XCTAssertFalse(alerts[288..<(2 * 288 + 100)].contains(true), "a steady series must not alert")
    }

    /// `--explain`: one row per alert with the window, the count, the expected count and the chance.
    func testExplainPrintsExpectedCountAndChancePerAlert() throws {
        var csv = "timestamp,value\n"
        let spike = 2 * 288 + 150
        for bucket in 0..<(3 * 288) {
            let hour = bucket / 12 % 24, minute = bucket % 12 * 5
            let stamp = String(format: "2026-11-%02d %02d:%02d:00", 1 + bucket / 288, hour, minute)
            csv += "\(stamp),\(bucket == spike ? 9 : (bucket % 97 == 0 ? 1 : 0))\n"
        }
        let lines = try replay(csv, explain: true).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "timestamp,level,kind,window_minutes,count,expected,chance,explanation")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        let fields = lines.last?.split(separator: ",", maxSplits: 7).map(String.init) ?? []
        XCTAssertEqual(fields.first, "2026-11-03 12:30:00")
        XCTAssertEqual(fields[safe: 4], "9")
        XCTAssertLessThan(Double(fields[safe: 5] ?? "") ?? 99, 1)
        XCTAssertLessThan(Double(fields[safe: 6] ?? "") ?? 1, 1e-5)
        XCTAssertTrue(fields.last?.contains("9 mentions in") == true, "\(fields)")
        XCTAssertTrue(fields.last?.contains("chance under 1 in") == true, "\(fields)")
    }

    func testBadInputNamesFileAndLine() throws {
        for (csv, line) in [("timestamp,value\n2026-11-01 00:00:00,3\nyesterday,4\n", "3"), ("timestamp,value\n2026-11-01 00:00:00,many\n", "2")] {
            XCTAssertThrowsError(try replay(csv)) { error in
                XCTAssertTrue(error is CrisisReplayCommand.Failure, "\(error)")
                XCTAssertTrue("\(error)".contains("in.csv"), "\(error)")
                XCTAssertTrue("\(error)".contains(line), "\(error)")
                XCTAssertEqual(VigiaMain.exitCode(for: error), .dataError)
            }
        }
        XCTAssertThrowsError(try replay("")) { error in XCTAssertTrue("\(error)".contains("in.csv"), "\(error)") }
    }

    /// A count no bucket can hold (it would overflow a window's sum and trap), a negative one, hex: refused by line.
    func testAbsurdCountsAreRefusedNamingTheLineAndTheRange() throws {
        for value in ["9223372036854775807", "4000000000", "1e300", "-3", "0x10", "inf", ""] {
            let csv = "timestamp,value\n2026-11-01 00:00:00,3\n2026-11-01 00:05:00,\(value)\n"
            XCTAssertThrowsError(try replay(csv), value) { error in
                let range = "from 0 to \(CrisisDetector.mostMentionsPerBucket) per bucket"
                let file = folder.appendingPathComponent("in.csv").path
                XCTAssertEqual("\(error)", "\(file):3: bad value \"\(value)\" (expected a count of mentions \(range))")
            }
        }
        XCTAssertEqual(try replay("timestamp,value\n2026-11-01 00:00:00,1e3\n2026-11-01 00:05:00,12.0\n"),
                       "timestamp,alert\n2026-11-01 00:00:00,0\n2026-11-01 00:05:00,0\n")
    }

    func testAFolderOrABinaryFileSaysWhatItIs() throws {
        XCTAssertThrowsError(try CrisisReplayCommand.read(folder)) { error in
            XCTAssertEqual("\(error)", "\(folder.path): cannot read: a folder, not a CSV file")
        }
        let binary = folder.appendingPathComponent("data.gz")
        try Data([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0xc3]).write(to: binary)
        XCTAssertThrowsError(try CrisisReplayCommand.read(binary)) { error in
            XCTAssertEqual("\(error)", "\(binary.path): cannot read: not UTF-8 text (is it a CSV file?)")
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
