import ReputationCore
import XCTest
@testable import Monitor

final class CommandParserTests: XCTestCase {
    func parse(_ line: String) throws -> Invocation {
        try CommandParser.parse(line.split(separator: " ").map(String.init))
    }

    func testGlobalOptionsBeforeAndAfterTheCommand() throws {
        let before = try parse("--feeds f --alerts=a --json --now 2026-11-23T10:00:00Z poll")
        XCTAssertEqual(before.command, .poll)
        XCTAssertEqual(before.global.feeds, "f")
        XCTAssertEqual(before.global.alerts, "a")
        XCTAssertTrue(before.global.json)
        XCTAssertEqual(before.global.now, ISOTime.parse("2026-11-23T10:00:00Z"))
        let after = try parse("poll --json --feeds f")
        XCTAssertEqual(after.global, GlobalOptions(feeds: "f", json: true))
    }

    func testCommandsAndTheirOptions() throws {
        XCTAssertEqual(try parse("watch --every 30s").command, .watch(every: 30))
        XCTAssertEqual(try parse("alerts --overdue").command, .alerts(.overdue))
        XCTAssertEqual(try parse("check --fetch").command, .check(fetch: true))
        XCTAssertEqual(try parse("report --since 2d --format html --out r.html").command, .report(since: 172_800, format: .html, out: "r.html"))
        XCTAssertEqual(try parse("crisis replay x.csv").command, .crisisReplay(file: "x.csv", explain: false))
        XCTAssertEqual(try parse("crisis replay --explain x.csv").command, .crisisReplay(file: "x.csv", explain: true))
        XCTAssertEqual(
            try parse("close t-1 --confirmed --note ok").command,
            .transition(.close, ids: ["t-1"], from: nil, note: "ok", by: nil, confirmed: true))
        XCTAssertEqual(try CommandParser.parse(["note", "t-1", "--note", "llamó por teléfono"]).command,
                       .transition(.note, ids: ["t-1"], from: nil, note: "llamó por teléfono", by: nil, confirmed: false))
        XCTAssertEqual(try parse("poll -- ").command, .poll)
        XCTAssertEqual(
            try parse("ack t-1 t-2 t-3 --by eva").command,
            .transition(.ack, ids: ["t-1", "t-2", "t-3"], from: nil, note: nil, by: "eva", confirmed: false))
        XCTAssertEqual(try parse("resolve --from ids.txt").command,
                       .transition(.resolve, ids: [], from: "ids.txt", note: nil, by: nil, confirmed: false))
    }

    func testIDListsSkipBlankLinesAndComments() {
        XCTAssertEqual(TaskIDList.parse("t-1\n\n  t-2  \r\n# from the crisis statement\nt-3"), ["t-1", "t-2", "t-3"])
    }

    func testHelpAndVersion() throws {
        XCTAssertEqual(try parse("--help").command, .help(command: nil))
        XCTAssertEqual(try parse("poll --help").command, .help(command: "poll"))
        XCTAssertEqual(try parse("alerts -h").command, .help(command: "alerts"))
        XCTAssertEqual(try parse("--version").command, .version)
        for spec in CommandSpec.all {
            let help = HelpText.command(spec)
            XCTAssertTrue(help.contains("usage: vigia"), spec.name)
            for option in spec.options { XCTAssertTrue(help.contains("--\(option.name)"), "\(spec.name) --\(option.name)") }
        }
    }

    func testUsageErrorsSuggestTheNearestName() {
        XCTAssertThrowsError(try parse("pol")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'poll'"), "\(error)")
        }
        XCTAssertThrowsError(try parse("reports")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'report'"), "\(error)")
        }
        XCTAssertThrowsError(try parse("poll --jsn")) { error in
            XCTAssertTrue("\(error)".contains("did you mean --json"), "\(error)")
        }
        XCTAssertThrowsError(try parse("watch --every soon"))
        XCTAssertThrowsError(try parse("alerts --all --overdue"))
        XCTAssertThrowsError(try parse("ack"))
        XCTAssertThrowsError(try parse("--now yesterday poll"))
        XCTAssertThrowsError(try parse("")) { error in XCTAssertTrue("\(error)".contains("no command")) }
    }

    func testCloseNeedsTheCustomersConfirmation() {
        XCTAssertThrowsError(try parse("close t-1")) { error in
            XCTAssertTrue("\(error)".contains("--confirmed"), "\(error)")
        }
    }

    func testDeletionIsRefusedWithTheReason() {
        for line in ["delete t-1", "hide t-1", "remove m-1", "block @someone", "purge", "alerts --delete", "borrar t-1", "report-post m-1"] {
            XCTAssertThrowsError(try parse(line), line) { error in
                XCTAssertTrue("\(error)".contains("answered, not removed"), "\(line): \(error)")
            }
        }
    }
}
