import Foundation

/// The posts a simulated year is made of: real texts from `../shared/bench/sentiment` (Spanish and English DEV
/// posts), each given an author from a pool of customers, a channel (one feed per channel) and a time in its poll's
/// slot, written as a JSON Feed per channel that serves only that slot's posts (as a search feed serves what is new).
struct BenchHistoryCorpus {
    static let channels = ["x", "instagram", "facebook", "tiktok"]
    let texts: [String]
    /// Customer handles, some far more active than others (a few write every week).
    let authors: [String]
    private var random: UInt64 = 0x9E37_79B9_7F4A_7C15

    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        var description: String {
            switch self {
            case .missing(let path):
                "history: the DEV sentiment posts are not at \(path) (the shared benchmark data); nothing measured"
            }
        }
    }

    /// The texts of every `*.tsv` in `folder` (columns id, lang, label, text; the header skipped).
    init(folder: URL) throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tsv") }.sorted()
        var texts: [String] = []
        for name in names {
            let content = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            for line in content.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
                if columns.count == 4, !columns[3].isEmpty { texts.append(String(columns[3])) }
            }
        }
        guard !texts.isEmpty else { throw Failure.missing(folder.path) }
        self.texts = texts
        authors = (0..<5000).map { "cliente\($0)" }
    }

    /// SplitMix64: the same year every run.
    mutating func next(_ bound: Int) -> Int {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    struct Item: Encodable {
        var id, url, contentText, datePublished: String
        var authors: [[String: String]]
        enum CodingKeys: String, CodingKey {
            case id, url, authors
            case contentText = "content_text"
            case datePublished = "date_published"
        }
    }

    /// Writes each channel's feed file with `count` posts in all, spread over (`from`, `to`].
    mutating func writeSlot(count: Int, from: Date, to: Date, tag: String, feeds: URL) throws {
        var items: [String: [Item]] = [:]
        let span = max(to.timeIntervalSince(from), 1)
        for index in 0..<count {
            let channel = Self.channels[next(Self.channels.count)]
            // A skewed author pool: half the posts come from the first tenth of the customers.
            let author = next(2) == 0 ? authors[next(authors.count / 10)] : authors[next(authors.count)]
            let at = from.addingTimeInterval(span * Double(index + 1) / Double(count + 1))
            let id = "\(tag)-\(index)"
            items[channel, default: []].append(Item(
                id: id, url: "https://\(channel).example/p/\(id)", contentText: texts[next(texts.count)],
                datePublished: ISO8601DateFormatter().string(from: at), authors: [["name": author]]))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for channel in Self.channels {
            let feed = Feed(title: channel, items: items[channel] ?? [])
            try encoder.encode(feed).write(to: feeds.appendingPathComponent("\(channel).json"))
        }
    }

    private struct Feed: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var items: [Item]
    }

    /// One feed file per channel, due at every poll.
    static func writeConfiguration(to feeds: URL) throws {
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        try #"{"brand": {"name": "Casa Bench"}}"#.write(to: feeds.appendingPathComponent("monitor.json"), atomically: true, encoding: .utf8)
        for channel in channels {
            try #"{"id": "\#(channel)", "url": "file:\#(channel).json", "format": "jsonfeed", "channel": "\#(channel)", "interval": "1m"}"#
                .write(to: feeds.appendingPathComponent("\(channel).feed.json"), atomically: true, encoding: .utf8)
            try #"{"version": "https://jsonfeed.org/version/1.1", "title": "-", "items": []}"#
                .write(to: feeds.appendingPathComponent("\(channel).json"), atomically: true, encoding: .utf8)
        }
    }
}
