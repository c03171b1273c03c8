import ReputationCore
import XCTest

@testable import Monitor

/// `JSONLineEncoder` writes what Foundation's `JSONEncoder` writes with Vigía's options (sorted keys, slashes as
/// they are, ISO dates): byte for byte, on the records Vigía writes and on values built to reach every path.
final class JSONLineEncoderTests: XCTestCase {
    private let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISOTime.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func assertSameBytes<T: Encodable>(_ value: T, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try foundation.encode(value)
        let written = try JournalCoding.encoder.encode(value)
        guard written != expected else { return }
        let at = zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, expected.count)
        let around = { (data: Data) in String(decoding: data[max(at - 40, 0)..<min(at + 40, data.count)], as: UTF8.self) }
        XCTFail("\(what): differs at byte \(at): wrote …\(around(written))… Foundation …\(around(expected))…", file: file, line: line)
    }

    func testTheRecordsVigiaWritesAreFoundationsBytes() throws {
        let mentions = ViewFixtures.weekOfMentions()
        let events = ViewFixtures.journal(for: mentions)
        XCTAssertGreaterThan(mentions.count, 10)
        for mention in mentions { try assertSameBytes(mention, "mention \(mention.mention.id)") }
        for event in events { try assertSameBytes(event, "event \(event.id)") }
        try assertSameBytes(TaskLedger(events: events), "ledger")
        try assertSameBytes(TaskBook(events: events), "book")
        var seen = SeenMentions()
        for mention in mentions { seen.insert(mention.mention.id, recordedAt: mention.mention.postedAt) }
        try assertSameBytes(seen, "seen mentions (a nested container)")
        XCTAssertEqual(try JournalCoding.lines(events), Data(try events.flatMap { try foundation.encode($0) + [0x0A] }))
    }

    private struct Everything: Encodable {
        var text: String
        var number: Double
        var single: Float
        var integers: [Int64]
        var unsigned: [UInt64]
        var small: [Int8]
        var flags: [Bool]
        var missing: String?
        var present: Int?
        var nothing: Int?? = .some(nil)
        var byKey: [String: [Double]]
        var byNumber: [Int: String]
        var link: URL
        var bytes: Data
        var when: Date
        var amount: Decimal
        var nested: [[String: Date?]]
        var empty: Empty = Empty()
        var interleaved = Interleaved()
    }

    private struct Empty: Encodable {
        func encode(to encoder: Encoder) throws {}
    }

    /// Containers used the way the `Encoder` API allows: a nested one written after its parent went on, a super
    /// encoder, a key encoded twice (the last value stays), a single value of a custom type.
    private struct Interleaved: Encodable {
        enum Key: String, CodingKey { case b, a, c, d, `super` }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var inner = container.nestedContainer(keyedBy: Key.self, forKey: .b)
            var list = container.nestedUnkeyedContainer(forKey: .c)
            try container.encode("first", forKey: .a)
            try inner.encode(1, forKey: .d)
            try list.encode("x")
            var deeper = list.nestedUnkeyedContainer()
            try list.encode("y")
            try deeper.encode(true)
            try container.encode("second", forKey: .a)
            try inner.encode(2, forKey: .a)
            var base = container.superEncoder().singleValueContainer()
            try base.encode(Date(timeIntervalSince1970: 86_400))
        }
    }

    private func randomText<G: RandomNumberGenerator>(_ random: inout G) -> String {
        let pools: [ClosedRange<UInt32>] = [0x00...0x7F, 0x00...0x20, 0x80...0x7FF, 0x2000...0x206F, 0xE000...0xFFFD, 0x1F300...0x1FAFF]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...24, using: &random) {
            let pool = pools.randomElement(using: &random)!
            if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &random)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    func testEveryPathOnRandomValuesIsFoundationsBytes() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            let doubles = (0..<4).map { _ in Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)) }
                .filter(\.isFinite) + [0, -0.0, 1, 0.1, 1e-7, 1e21, 123_456_789.125, Double(Int64.max)]
            let value = Everything(
                text: randomText(&random), number: doubles[round % doubles.count],
                single: Float(bitPattern: UInt32.random(in: 0...0x7F7F_FFFF, using: &random)),
                integers: [Int64.min, Int64.max, 0, Int64.random(in: .min ... .max, using: &random)],
                unsigned: [UInt64.max, UInt64.random(in: 0 ... .max, using: &random)], small: [Int8.min, -1, 9, Int8.max],
                flags: [true, false], missing: nil, present: round,
                byKey: Dictionary(
                    [(randomText(&random), doubles), (randomText(&random), []), ("a_b", [1]), ("ab", [2]), ("a10", [3]), ("a2", [4])],
                    uniquingKeysWith: { first, _ in first }),
                byNumber: [10: "ten", 2: "two", -1: randomText(&random)],
                link: URL(string: "https://shop.example/p/\(round)?q=a/b&r=%C3%B1#frag")!,
                bytes: Data((0..<(round % 9)).map { _ in UInt8.random(in: 0...255, using: &random) }),
                when: Date(timeIntervalSince1970: Double(Int32.random(in: 0 ... .max, using: &random))),
                amount: Decimal(round) / 8,
                nested: [Dictionary([("k", nil), (randomText(&random), Date(timeIntervalSince1970: 0))], uniquingKeysWith: { a, _ in a }), [:]])
            try assertSameBytes(value, "round \(round)")
        }
    }

    func testANumberJSONCannotHoldIsAnErrorNamingWhere() {
        struct Reading: Encodable { var level: Double }
        XCTAssertThrowsError(try JournalCoding.encoder.encode(Reading(level: .infinity))) { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["level"])
        }
        XCTAssertThrowsError(try JournalCoding.encoder.encode([Float.nan]))
    }

    func testUnsortedKeepsTheOrderEncodedWithTheSameValues() throws {
        struct Pair: Codable, Equatable { var zeta: Int; var alpha: String }
        let pair = Pair(zeta: 1, alpha: "a\u{1}\"")
        let written = try JournalCoding.unsortedEncoder.encode(pair)
        XCTAssertEqual(String(decoding: written, as: UTF8.self), #"{"zeta":1,"alpha":"a\u0001\""}"#)
        XCTAssertEqual(try JournalCoding.decoder.decode(Pair.self, from: written), pair)
    }
}
