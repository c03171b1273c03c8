import Foundation
import ReputationCore

/// `vigia crisis replay FILE.csv`: what the crisis detector would have fired on a history of bucket counts.
///
/// Input: a header line, then `timestamp,value` rows, one per bucket (`2015-02-26 21:42:53`, UTC assumed;
/// a `T` separator and fractional seconds are accepted). Output: `timestamp,alert`, one row per input row with
/// the same timestamp text, alert 1 where an incident opens: an episode's first warning or crisis (its escalation
/// to crisis is the same incident; `--explain` lists every warning and crisis).
/// The detector is the live one (`CrisisDetector.replay`), with the settings given: no per-file tuning.
package enum CrisisReplayCommand {
    /// Why a replay could not run: the file and, for bad rows, the line (1-based) and what was wrong.
    package enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(file: String, reason: String)
        case missingHeader(file: String)
        case badRow(file: String, line: Int, reason: String)

        package var description: String {
            switch self {
            case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
            case .missingHeader(let file): "\(file): empty file; expected a header line such as timestamp,value"
            case .badRow(let file, let line, let reason): "\(file):\(line): \(reason)"
            }
        }
    }

    /// Reads the CSV at `file`, writes `timestamp,alert` CSV to `output` (with `explain`, one row per alert
    /// instead: see `renderExplained`). Errors name the file and line.
    package static func run(file: URL, output: FileHandle, settings: CrisisSettings, explain: Bool = false) throws {
        let rows = try read(file)
        let series = rows.map { ($0.time, $0.count) }
        if explain {
            let alerts = CrisisDetector.replayEvents(series, settings: settings).filter(\.event.isAlert)
            output.emit(Data(renderExplained(alerts.map { (rows[$0.row].stamp, $0.event) }).utf8))
        } else {
            output.emit(Data(render(rows.map(\.stamp), CrisisDetector.replay(series, settings: settings)).utf8))
        }
    }

    /// `timestamp,level,kind,window_minutes,count,expected,chance,explanation`: per alert, the window that
    /// decided, its count, the count expected there (hour-of-day profile), the Poisson chance of at least that
    /// count at that expectation (empty for signals other than volume), and the sentence a person gets.
    static func renderExplained(_ alerts: [(stamp: Substring, event: Crisis.Event)]) -> String {
        var out = "timestamp,level,kind,window_minutes,count,expected,chance,explanation\n"
        for (stamp, event) in alerts {
            let chance = event.chance.map { String(format: "%.3g", locale: Locale(identifier: "en_US_POSIX"), $0) }
            let fields = [String(stamp), event.level.rawValue, event.kind.rawValue, "\(event.windowMinutes)",
                          "\(event.count)", String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"),
                                                     event.baseline), chance ?? ""]
            out += fields.joined(separator: ",") + ",\"" + event.explanation.replacingOccurrences(of: "\"", with: "\"\"")
                + "\"\n"
        }
        return out
    }

    /// One data row: the timestamp as written, its instant, and the count.
    struct Row {
        var stamp: Substring
        var time: Date
        var count: Int
    }

    static func read(_ file: URL) throws -> [Row] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            throw Failure.unreadable(file: file.path, reason: "a folder, not a CSV file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw Failure.unreadable(file: file.path, reason: "\(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure.unreadable(file: file.path, reason: "not UTF-8 text (is it a CSV file?)")
        }
        return try parse(text, file: file.path)
    }

    static func parse(_ text: String, file: String) throws -> [Row] {
        var rows: [Row] = []
        var number = 0
        var header = false
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                if number == 1 { throw Failure.missingHeader(file: file) }
                continue
            }
            if !header {
                header = true
                continue
            }
            rows.append(try row(Substring(line), file: file, line: number))
        }
        guard header else { throw Failure.missingHeader(file: file) }
        return rows
    }

    static func row(_ line: Substring, file: String, line number: Int) throws -> Row {
        guard let comma = line.utf8.firstIndex(of: UInt8(ascii: ",")) else {
            throw Failure.badRow(file: file, line: number, reason: "expected timestamp,value, got \"\(line)\"")
        }
        let stamp = line[..<comma]
        let rest = line[line.index(after: comma)...]
        let field = rest.prefix { $0 != "," }
        let valueText = Int(field) != nil ? String(field) : field.trimmingCharacters(in: .whitespaces)
        guard let time = Timestamp.parse(Array(stamp.utf8).trimmed) else {
            throw Failure.badRow(file: file, line: number,
                                 reason: "bad timestamp \"\(stamp)\" (expected YYYY-MM-DD HH:MM:SS)")
        }
        guard let count = Self.count(valueText) else {
            throw Failure.badRow(
                file: file, line: number,
                reason: "bad value \"\(valueText.prefix(40))\" (expected a count of mentions from 0 to "
                    + "\(CrisisDetector.mostMentionsPerBucket) per bucket)")
        }
        return Row(stamp: stamp, time: time, count: count)
    }

    /// A count as an integer ("12", or decimal "12.0", "1e3"); `nil` when it is no decimal number or lies outside
    /// 0…`mostMentionsPerBucket` (a corrupt file must not overflow a window's sum). Hex and "inf" are no counts.
    private static func count(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ "0123456789.eE+-".utf8.contains($0) }) else { return nil }
        let most = CrisisDetector.mostMentionsPerBucket
        if let whole = Int(text) { return (0...most).contains(whole) ? whole : nil }
        guard let value = Double(text), value.isFinite, value >= 0, value <= Double(most) else { return nil }
        return Int(value.rounded())
    }

    static func render(_ stamps: [Substring], _ alerts: [Bool]) -> String {
        var out = "timestamp,alert\n"
        out.reserveCapacity(stamps.count * 24)
        for (stamp, alert) in zip(stamps, alerts) {
            out += stamp
            out += alert ? ",1\n" : ",0\n"
        }
        return out
    }
}

extension CrisisReplayCommand {
    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `T`) as UTC, parsed by hand: fast and free of formatter state.
    enum Timestamp {
        static func parse(_ digits: [UInt8]) -> Date? {
            guard digits.count >= 19, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
                  digits[10] == UInt8(ascii: " ") || digits[10] == UInt8(ascii: "T"),
                  digits[13] == UInt8(ascii: ":"), digits[16] == UInt8(ascii: ":"),
                  let year = number(digits, 0, 4), let month = number(digits, 5, 2), let day = number(digits, 8, 2),
                  let hour = number(digits, 11, 2), let minute = number(digits, 14, 2),
                  let second = number(digits, 17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else { return nil }
            let fraction = digits.count > 19 ? Double("0" + String(decoding: digits[19...], as: UTF8.self)) : 0
            guard let fraction else { return nil }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
            return Date(timeIntervalSince1970: seconds)
        }

        private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
        private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }
}

extension Array where Element == UInt8 {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmed: [UInt8] {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return []
        }
        return Array(self[first...last])
    }
}
