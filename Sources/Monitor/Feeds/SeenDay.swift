import Foundation

/// One day of `SeenMentions` as the poll state file keeps it:
/// `{"ids": "<16 hex digits>…", "hex": "…", "pairs": {"feed": "…"}, "texts": [ids…]}`: Vigía's own ids, text keys
/// and (id, feed) pairs as runs of 16 lower-case hex digits, sorted, one string per kind (and feed); anything else
/// as its text. A month of a busy shop is hundreds of thousands of ids, and a poll reads and writes them all: as one
/// JSON string each they cost most of a poll's time, as runs a small part. A day written as a list of ids (the form
/// before) is read as well.
struct SeenDay: Codable, Equatable {
    var ids: [UInt64] = []
    var hex: [UInt64] = []
    var pairs: [String: [UInt64]] = [:]
    var texts: [String] = []

    init() {}

    var count: Int { ids.count + hex.count + pairs.values.reduce(0) { $0 + $1.count } + texts.count }

    /// Sorts each kind, so the same ids always give the same bytes.
    mutating func sort() {
        ids.sort()
        hex.sort()
        for feed in pairs.keys { pairs[feed]?.sort() }
        texts.sort()
    }

    enum CodingKeys: String, CodingKey { case ids, hex, pairs, texts }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !ids.isEmpty { try container.encode(Self.run(ids), forKey: .ids) }
        if !hex.isEmpty { try container.encode(Self.run(hex), forKey: .hex) }
        if !pairs.isEmpty { try container.encode(pairs.mapValues(Self.run), forKey: .pairs) }
        if !texts.isEmpty { try container.encode(texts, forKey: .texts) }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ids = try Self.numbers(container.decodeIfPresent(String.self, forKey: .ids), container, .ids)
        hex = try Self.numbers(container.decodeIfPresent(String.self, forKey: .hex), container, .hex)
        for (feed, run) in try container.decodeIfPresent([String: String].self, forKey: .pairs) ?? [:] {
            pairs[feed] = try Self.numbers(run, container, .pairs)
        }
        texts = try container.decodeIfPresent([String].self, forKey: .texts) ?? []
    }

    /// The numbers as one string of 16 hex digits each.
    static func run(_ values: [UInt64]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: values.count * 16)
        for (index, value) in values.enumerated() {
            for place in 0..<16 { bytes[index * 16 + place] = digits[Int((value >> UInt64(60 - place * 4)) & 0xF)] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A run back into its numbers; a run that is not whole groups of lower-case hex digits is damage, named.
    private static func numbers(_ run: String?, _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [UInt64] {
        guard let run else { return [] }
        let bytes = Array(run.utf8)
        guard bytes.count % 16 == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "a run of seen ids is \(bytes.count) digits, not groups of 16")
        }
        var values: [UInt64] = []
        values.reserveCapacity(bytes.count / 16)
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
            case 0x61...0x66: value = value << 4 | UInt64(byte - 0x61 + 10)
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "a run of seen ids holds \(UnicodeScalar(byte)) at digit \(index)")
            }
            if index % 16 == 15 {
                values.append(value)
                value = 0
            }
        }
        return values
    }
}
