import Foundation
import XCTest

/// The shared DEV feed corpus (/work/shared/bench/feeds), found from this file: package root/../shared.
enum DecodingCorpus {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/bench/feeds")

    struct Row {
        var path: String
        var format: String
        var items: Int?
        var wellFormed: Bool
        var basis: String
    }

    static func manifest() throws -> [Row] {
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                path: columns[0], format: columns[1], items: Int(columns[2]), wellFormed: columns[3] == "1",
                basis: columns[4])
        }
    }

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
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
