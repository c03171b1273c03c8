/// One rule file parsed into rows of tab-separated fields. Pure: the text comes in, rows come out.
///
/// Format: UTF-8, one rule per line, fields separated by TABs; blank lines and lines starting with `#` are
/// comments. Surrounding spaces of each field are trimmed, so a hand-edited file forgives stray spaces.
package struct RuleTable: Sendable, Equatable {
    package struct Row: Sendable, Equatable {
        /// 1-based line number in the file, for error messages.
        package var line: Int
        package var fields: [String]
    }

    package var file: String
    package var rows: [Row]

    /// Parses `text` (the contents of `file`), requiring `columns.lowerBound...columns.upperBound` fields per row.
    package static func parse(_ text: String, file: String, columns: ClosedRange<Int>) throws(RulesError) -> RuleTable {
        var rows: [Row] = []
        var number = 0
        // "\r\n" is one Character in Swift, so both line ends are named.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(trimmed)
            guard columns.contains(fields.count) else {
                throw .badLine(file: file, line: number,
                               reason: "expected \(describe(columns)) tab-separated fields, found \(fields.count)")
            }
            if fields[0].isEmpty { throw .badLine(file: file, line: number, reason: "empty first field") }
            rows.append(Row(line: number, fields: fields))
        }
        return RuleTable(file: file, rows: rows)
    }

    /// Reads field `index` of `row` as a number, naming file and line when it is not one.
    package func number(_ row: Row, _ index: Int, in range: ClosedRange<Double>) throws(RulesError) -> Double {
        guard index < row.fields.count, let value = Double(row.fields[index]), range.contains(value) else {
            let found = index < row.fields.count ? row.fields[index] : ""
            throw .badLine(file: file, line: row.line,
                           reason: "expected a number in \(range.lowerBound)…\(range.upperBound), found '\(found)'")
        }
        return value
    }

    private static func trimmed(_ field: Substring) -> String {
        guard field.first == " " || field.last == " " else { return String(field) }
        var slice = field.drop(while: { $0 == " " })
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }

    private static func describe(_ columns: ClosedRange<Int>) -> String {
        columns.lowerBound == columns.upperBound ? "\(columns.lowerBound)" : "\(columns.lowerBound)–\(columns.upperBound)"
    }
}
