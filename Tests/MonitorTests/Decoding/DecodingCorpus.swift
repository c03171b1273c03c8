import Foundation
import XCTest

/// The feed documents the decoding tests read. Two places, found from this file's path:
/// - `Tests/Fixtures/feeds/` in the project: the samples the named tests use (their origin and licence in
///   its `manifest.tsv` and `Tests/Fixtures/README.md`), so a lone clone's `swift test` has them;
/// - the shared DEV corpus `../shared/bench/feeds/` beside the project: the benchmark data the whole-corpus
///   tests measure against. Those skip, saying so, when it is absent.
enum DecodingCorpus {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/feeds")
    static let bench = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/feeds")

    struct Row {
        var path: String
        var format: String
        var items: Int?
        var wellFormed: Bool
        var basis: String
    }

    /// The fixtures' rows (the same columns as the bench manifest).
    static func manifest() throws -> [Row] { try rows(fixtures) }

    /// The whole DEV corpus's rows; skips the test when ../shared/bench/feeds is not beside the project.
    static func benchManifest() throws -> [Row] { try rows(requireBench()) }

    /// The bench corpus folder, or an XCTSkip that names what is missing.
    static func requireBench() throws -> URL {
        guard FileManager.default.fileExists(atPath: bench.appendingPathComponent("manifest.tsv").path) else {
            throw XCTSkip("\(bench.standardizedFileURL.path) is absent: this test measures the shared DEV corpus")
        }
        return bench
    }

    /// A fixture document, by its corpus-relative path (e.g. `rss/feed-rs__rss_2.0_bbc.xml`).
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(path))
    }

    /// A document of the bench corpus (after `benchManifest()` or `requireBench()`).
    static func benchData(_ path: String) throws -> Data {
        try Data(contentsOf: requireBench().appendingPathComponent(path))
    }

    private static func rows(_ root: URL) throws -> [Row] {
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                path: columns[0], format: columns[1], items: Int(columns[2]), wellFormed: columns[3] == "1",
                basis: columns[4])
        }
    }

    /// The feedparser `encoding/http_*` fixtures carry their HTTP Content-Type in a leading `Header:` comment.
    static func headerContentType(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(600), as: UTF8.self)
        guard let header = head.range(of: #"Header:\s+Content-type:\s*"#, options: [.regularExpression]) else {
            return nil
        }
        return String(head[header.upperBound...].prefix { $0 != "\n" })
    }
}
