import Foundation
import XCTest

/// `vigia score` fed thousands of hostile and mutated JSON lines: it never traps, exits 0, writes one valid JSON
/// line (with intent and categories) per good line and one error naming the line number per bad one, so
/// nothing but the bad lines is lost.
final class ScoreFuzzTests: XCTestCase {
    /// Lines that broke or could break a hand-written reader.
    static let hostile: [String] = [
        #"{"id":2,"text":"\uD800\u0041"}"#, #"{"id":3,"text":"\uDC00"}"#, #"{"id":4,"text":"\uD800"}"#,
        #"{"id":5,"text":"\uDBFF\uDFFF\uD83D\uDE00"}"#, #"{"id":6,"text":"\u0000\u001f\u007f"}"#,
        #"{"id":7,"text":"\uZZZZ"}"#, #"{"id":8,"text":"\u12"}"#, #"{"id":9,"text":"abc\"#,
        #"{"id":nan,"text":"x"}"#, #"{"id":inf,"text":"x"}"#, #"{"id":0x1p3,"text":"x"}"#,
        #"{"id":1e999,"text":"x"}"#, #"{"id":-0,"text":"x"}"#, #"{"id":01,"text":"x"}"#,
        #"{"id":[1,{"a":"}"}],"text":"ok"}"#, #"{"text":{"nested":"x"}}"#, #"{"text":null}"#,
        #"{"id":"a","text":"b","text":"c"}"#, #"{"id":"\u202Eevil","text":"x","lang":"\n"}"#,
        #"{"text":"x","lang":"zz","author":"Diario \uD800 Noticias"}"#, #"{"#, #"}"#, #"{"text":"x""#,
        #"{"text":"x",}"#, #"{,}"#, #"{"text" "x"}"#, "[1,2,3]", "null", "\"just a string\"",
        String(repeating: "[", count: 5000), #"{"text":""# + String(repeating: "\\u00e9", count: 20_000) + #""}"#,
        #"{"id":1,"text":""# + String(repeating: "a", count: 200_000) + #""}"#,
        String(repeating: "¿qué? ", count: 10_000),
    ]

    func testHostileAndMutatedLinesNeverCrashAndLoseOnlyThemselves() throws {
        var random = HarnessRandom(seed: 0x5EED)
        let seeds = Self.hostile + AssessmentAgreementTests.golden.enumerated().map { index, text in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["id": index, "text": text]), as: UTF8.self)
        }
        var lines: [[UInt8]] = seeds.map { Array($0.utf8) }
        for _ in 0..<3000 { lines.append(Self.mutate(Array(seeds[random.below(seeds.count)].utf8), &random)) }
        var input: [UInt8] = []
        for line in lines { input += line + [0x0A] }
        // vigia splits on LF and skips blank lines: count what it will see.
        let expected = input.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }.count
        let result = try Self.score(input)
        XCTAssertEqual(result.status, 0, "exit status (132 is a trap); stderr tail: \(result.stderr.suffix(500))")
        let outputs = result.stdout.split(separator: "\n")
        let errors = result.stderr.split(separator: "\n")
        XCTAssertEqual(outputs.count + errors.count, expected, "one output or one error per non-blank line")
        XCTAssertGreaterThan(outputs.count, expected / 4, "many mutated lines are still scored")
        for line in outputs {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            XCTAssertNotNil(object?["intent"] as? String, String(line.prefix(200)))
            XCTAssertNotNil(object?["categories"] as? [String], String(line.prefix(200)))
        }
        var numbers = Set<Int>()
        for line in errors {
            let parts = line.split(separator: ":", maxSplits: 2)
            XCTAssertEqual(parts.first, "vigia score", String(line.prefix(200)))
            let number = parts.count > 1 ? Int(parts[1].dropFirst("line ".count + 1)) : nil
            XCTAssertNotNil(number, "an error names its line: \(line.prefix(200))")
            if let number { XCTAssertTrue(numbers.insert(number).inserted, "one error per line: \(number)") }
        }
        XCTAssertTrue(errors.contains { $0.contains("line 9:") }, "the nan id is refused, not echoed unquoted")
        XCTAssertTrue(outputs.contains { $0.hasPrefix(#"{"id":2,"#) }, "the lone surrogate line is scored")
    }

    /// Flips, deletes, duplicates or inserts bytes (escapes, quotes, braces, invalid UTF-8, NUL), or truncates.
    static func mutate(_ line: [UInt8], _ random: inout HarnessRandom) -> [UInt8] {
        var bytes = line
        let pieces: [[UInt8]] = [
            Array(#"\u"#.utf8), Array(#"\uD800"#.utf8), Array(#"\"#.utf8), [0x22], [0x7B], [0x7D], [0x5B], [0xFF],
            [0xC3], [0xED, 0xA0, 0x80], [0x00], [0x0D], Array("1e309".utf8), Array("-".utf8),
        ]
        for _ in 0..<(1 + random.below(4)) {
            guard !bytes.isEmpty else { break }
            let at = random.below(bytes.count)
            switch random.below(5) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next()) | 0x01
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: pieces[random.below(pieces.count)], at: at)
            case 3: bytes = Array(bytes[..<at])
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 8)], at: at)
            }
        }
        return bytes.filter { $0 != 0x0A }
    }

    private static func score(_ input: [UInt8]) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inURL = folder.appendingPathComponent("in"), outURL = folder.appendingPathComponent("out")
        let errURL = folder.appendingPathComponent("err")
        try Data(input).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = VigiaProcess.executable
        process.arguments = ["--feeds", folder.appendingPathComponent("no-feeds").path, "score"]
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
                try String(contentsOf: errURL, encoding: .utf8))
    }
}

extension HarnessRandom {
    /// A whole number in 0..<bound (seeded, so a failing case can be replayed).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
