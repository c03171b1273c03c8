import Foundation
import ReputationCore

/// Decodes feed documents into `FeedItem`s. Pure: bytes in, items out; never reads files or the network, never
/// expands DTD entities, and bounds nesting, field sizes and work on hostile input.
package enum FeedDecoder {
    /// `contentType` is the HTTP Content-Type (its charset may matter), nil for files. `base` is the document's
    /// own URL, what relative links in it resolve against when it names no `xml:base`: the response's
    /// Content-Location, else the URL it was fetched from (`documentBase(url:contentLocation:)`); nil for files.
    package static func decode(
        _ data: Data, format: FeedFormat, contentType: String? = nil, mapping: GenericJSONMapping? = nil,
        base: String? = nil
    ) throws(DecodeError) -> DecodedFeed {
        guard !data.isEmpty else { throw DecodeError.empty }
        var feed = try TextEncoding.withUTF8(data, contentType: contentType) {
            (p, problems) throws(DecodeError) -> DecodedFeed in
            var feed = try decodeUTF8(p, format: format, mapping: mapping, base: base)
            feed.problems.insert(contentsOf: problems, at: 0)
            return feed
        }
        feed.dropImplausibleDates()
        feed.cleanFields()
        return feed
    }

    /// The concrete format of a document, or nil when it is none the decoders know.
    package static func detectFormat(_ data: Data) -> FeedFormat? {
        try? TextEncoding.withUTF8(data, contentType: nil) { (p, _) throws(DecodeError) -> FeedFormat? in
            switch family(p) {
            case .xml: return try? XMLFeedDecoder.decode(p).format
            case .json:
                var parser = JSONParser(p)
                return (try? parser.parseDocument()).flatMap { detectJSON($0.value) }
            case nil: return nil
            }
        }
    }

    private enum Family { case xml, json }

    /// XML starts with `<`, JSON with `{` or `[` (after whitespace; a UTF-8 BOM is already gone).
    private static func family(_ p: UnsafeBufferPointer<UInt8>) -> Family? {
        guard let first = p.first(where: { $0 > 0x20 }) else { return nil }
        if first == UInt8(ascii: "<") { return .xml }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        return nil
    }

    /// RFC 9110 §8.7: a Content-Location is the URL of the representation sent, so the base for relative links;
    /// relative itself, it is relative to the URL fetched.
    package static func documentBase(url: URL, contentLocation: String?) -> String? {
        guard !url.isFileURL else { return nil }
        guard let location = contentLocation, !location.isEmpty else { return url.absoluteString }
        return URL(string: location, relativeTo: url)?.absoluteString ?? url.absoluteString
    }

    private static func decodeUTF8(
        _ p: UnsafeBufferPointer<UInt8>, format: FeedFormat, mapping: GenericJSONMapping?, base: String?
    ) throws(DecodeError) -> DecodedFeed {
        switch family(p) {
        case .xml:
            var feed = try XMLFeedDecoder.decode(p, base: base)
            if format != .auto, format != feed.format {
                feed.problems.append("configured as \(format.rawValue) but the document is \(feed.format.rawValue)")
            }
            return feed
        case .json:
            var parser = JSONParser(p)
            let (root, problems) = try parser.parseDocument()
            var feed = try decodeJSON(root, format: format, mapping: mapping)
            feed.problems.insert(contentsOf: problems, at: 0)
            return feed
        case nil:
            throw DecodeError.unrecognizedFormat(start: printablePrefix(p))
        }
    }

    private static func decodeJSON(_ root: JSONValue, format: FeedFormat, mapping: GenericJSONMapping?)
        throws(DecodeError) -> DecodedFeed
    {
        var notes = TextNotes()
        var concrete = format
        var problems: [String] = []
        if format == .auto || format.isXML || !fits(root, format) {
            guard let detected = detectJSON(root) else {
                throw DecodeError.notAFeed(format: format, found: describe(root))
            }
            if format != .auto {
                problems.append("configured as \(format.rawValue) but the document is \(detected.rawValue)")
            }
            concrete = detected
        }
        var feed = DecodedFeed(format: concrete, items: [])
        switch concrete {
        case .jsonfeed: feed.items = JSONFeedDecoder.decode(root, notes: &notes)
        case .mastodon: (feed.items, feed.cursor) = MastodonDecoder.decode(root, notes: &notes)
        case .bluesky: (feed.items, feed.cursor) = BlueskyDecoder.decode(root, notes: &notes)
        case .reddit: (feed.items, feed.cursor) = RedditDecoder.decode(root, notes: &notes)
        case .hn: (feed.items, feed.cursor) = HNDecoder.decode(root, notes: &notes)
        case .json:
            let mapping = mapping ?? (format == .auto ? GenericJSONMapping.rssInJSON : nil)
            guard let mapping else { throw DecodeError.missingMapping }
            feed.items = try GenericJSONDecoder.decode(root, mapping: mapping, notes: &notes)
        case .auto, .rss, .atom, .rdf:
            throw DecodeError.notAFeed(format: format, found: "a JSON document")
        }
        feed.problems = problems + notes.problems
        return feed
    }

    /// Sniffs the JSON shape of each supported API.
    static func detectJSON(_ root: JSONValue) -> FeedFormat? {
        if let version = root["version"]?.string, version.contains("jsonfeed.org") { return .jsonfeed }
        if root["hits"]?.array != nil || HNDecoder.isItemTree(root) { return .hn }
        if root["data"]?["children"]?.array != nil { return .reddit }
        if root["posts"]?.array != nil || root["feed"]?.array?.first?["post"] != nil { return .bluesky }
        if root["statuses"]?.array != nil || (root["content"] != nil && root["account"] != nil) { return .mastodon }
        if let first = root.array?.first, first["content"] != nil, first["account"] != nil { return .mastodon }
        if root["items"]?.array != nil { return .jsonfeed }
        if root.resolve(pointer: GenericJSONMapping.rssInJSON.items) != nil { return .json }
        return nil
    }

    /// Whether the document has the container a configured format reads its items from (an empty timeline `[]`
    /// is a Mastodon document, though nothing could detect it as one).
    private static func fits(_ root: JSONValue, _ format: FeedFormat) -> Bool {
        switch format {
        case .jsonfeed: return root["items"]?.array != nil
        case .mastodon: return root.array != nil || MastodonDecoder.statuses(in: root).count > 0
        case .bluesky: return root["posts"]?.array != nil || root["feed"]?.array != nil
        case .reddit: return root["data"]?["children"]?.array != nil
        case .hn: return root["hits"]?.array != nil || HNDecoder.isItemTree(root)
        case .json: return true
        case .auto, .rss, .atom, .rdf: return false
        }
    }

    /// The document's shape, never its bytes: an error lands in stderr, cron mail and poll state, and a `file:`
    /// feed (or a server) pointed at a secret must not have its keys or first bytes copied there.
    private static func describe(_ root: JSONValue) -> String {
        switch root {
        case .object(let members):
            return "a JSON object (\(members.count) key\(members.count == 1 ? "" : "s")) without a feed's shape"
        case .array(let elements): return "a JSON array of \(elements.count) values, no feed shape"
        default: return "a lone JSON value"
        }
    }

    /// What the document looks like, not what it says (see `describe`).
    private static func printablePrefix(_ p: UnsafeBufferPointer<UInt8>) -> String {
        if p.count >= 2, p[0] == 0x1F, p[1] == 0x8B { return "gzip-compressed bytes" }
        return "neither XML nor JSON"
    }
}
