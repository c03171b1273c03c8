import Foundation

/// One configured feed (`feeds/<id>.feed.json`).
package struct FeedConfig: Sendable, Hashable {
    package var id: String
    /// Resolved URL: `file:samples/x.rss` becomes an absolute file URL inside the feeds folder.
    package var url: URL
    package var format: FeedFormat
    package var channel: String
    /// Minimum time between polls of this feed.
    package var interval: TimeInterval
    /// Header templates; `${NAME}` is expanded from the environment at fetch time and never stored.
    package var headers: [String: String]
    /// Empty: `match` decides. Otherwise only items holding one (whole words; case and accents ignored).
    package var keywords: [String]
    /// `"match"`: every item (`all`) or only those naming the brand (`brand`); nil: each stream's default (see
    /// `MentionFilter`).
    package var match: MentionFilter.Match?
    package var mapping: GenericJSONMapping?
    /// Hosts whose post URLs this feed speaks for besides its own site (an RSS bridge of x.com lists "x.com"), so
    /// the same post through two such feeds is one mention. A URL elsewhere identifies a post within this feed only.
    package var postHosts: [String] = []
    /// `url` as written in the file (`file:samples/x.rss`): where the feed reads, independent of where the feeds
    /// folder lies, so identities scoped to it survive moving the folder. Empty: use `url`.
    package var configuredURL = ""
    /// A network read through its API (`"source": "mastodon"`), instead of a document at `url`.
    package var source: SourceSpec?
    /// The file it came from, for messages.
    package var file: String

    package var isFile: Bool { url.isFileURL }

    package static let defaultInterval: TimeInterval = 300

    /// The channel name when the feed does not say: the source kind, else the host.
    static func defaultChannel(format: FeedFormat, url: URL) -> String {
        switch format {
        case .mastodon, .bluesky, .reddit, .hn: return format.rawValue
        default: return url.isFileURL ? "web" : (url.host ?? "web")
        }
    }
}

extension FeedConfig {
    static let keys = ["id", "url", "format", "channel", "interval", "headers", "keywords", "match", "mapping", "post_hosts"]
    /// The keys a source-kind feed has besides its kind's own.
    static let sourceKeys = ["id", "source", "channel", "interval", "keywords", "match", "max_pages"]

    /// Reads and validates one feed file. `expectedID` is the file name's stem.
    init(reading object: ConfigObject, expectedID: String, folder: URL, environment: [String: String]) throws(ConfigError) {
        if object.keys.contains("source") {
            try self.init(source: object, expectedID: expectedID, environment: environment)
        } else {
            try self.init(document: object, expectedID: expectedID, folder: folder, environment: environment)
        }
    }

    /// A feed with `url`: a document (RSS, Atom, RDF, JSON Feed, an API's JSON) fetched as it is.
    private init(document object: ConfigObject, expectedID: String, folder: URL, environment: [String: String]) throws(ConfigError) {
        let file = object.file
        id = try Self.readID(object, expectedID: expectedID)
        let rawURL = try object.requiredString("url", "an http(s) URL, or file:PATH relative to the feeds folder")
        guard rawURL.utf8.count <= 8192 else {
            throw .invalid(file: file, key: "url", expected: "a URL of at most 8 KiB", found: "\(rawURL.utf8.count) bytes")
        }
        url = try Self.resolve(rawURL, folder: folder, file: file)
        configuredURL = rawURL
        let formatText = try object.string("format") ?? "auto"
        guard let format = FeedFormat(rawValue: formatText) else {
            throw .invalid(file: file, key: "format", expected: FeedFormat.allCases.map(\.rawValue).joined(separator: "|"), found: "\"\(formatText)\"")
        }
        self.format = format
        channel = try object.string("channel") ?? Self.defaultChannel(format: format, url: url)
        interval = try object.duration("interval", in: 10...30 * 86_400) ?? Self.defaultInterval
        headers = try object.stringMap("headers") ?? [:]
        guard headers.count <= 100, headers.allSatisfy({ $0.key.utf8.count <= 256 && $0.value.utf8.count <= 8192 }) else {
            throw .invalid(file: file, key: "headers", expected: "at most 100 headers, values up to 8 KiB", found: "more")
        }
        for (name, value) in headers {
            for variable in EnvironmentExpansion.variables(in: value) where environment[variable] == nil {
                throw .missingEnvironment(file: file, key: "headers.\(name)", variable: variable)
            }
            guard !name.contains(where: { $0 == ":" || $0.isNewline || $0.isWhitespace }), !value.contains(where: \.isNewline) else {
                throw .invalid(file: file, key: "headers.\(name)", expected: "a header name and a one-line value", found: "a line break or ':'")
            }
        }
        keywords = try Self.readKeywords(object)
        match = try Self.readMatch(object, keywords: keywords)
        mapping = try object.decode("mapping", as: GenericJSONMapping.self)
        postHosts = try (object.strings("post_hosts") ?? []).map { $0.lowercased() }
        guard postHosts.count <= 100, postHosts.allSatisfy({ Self.isHostName($0) }) else {
            throw .invalid(file: file, key: "post_hosts", expected: "at most 100 host names such as \"x.com\"", found: "\(postHosts.prefix(3))")
        }
        if format == .json, mapping == nil {
            throw .missing(file: file, key: "mapping", expected: "JSON pointers for \"items\" and \"text\" when format is json")
        }
        self.file = file
        try object.finish(known: Self.keys)
    }

    /// Letters, digits, '-' and '.', with at least one dot: a host, not a URL or a pattern.
    static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.contains(".") && !text.hasPrefix(".")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
    }

    /// A feed with `source`: the kind reads its own keys; `url`, `format`, `headers` and `mapping` are not for it.
    private init(source object: ConfigObject, expectedID: String, environment: [String: String]) throws(ConfigError) {
        let file = object.file
        let id = try Self.readID(object, expectedID: expectedID)
        let name = try object.requiredString("source", "a source kind")
        guard let kind = SourceKinds.named(name) else {
            throw .invalid(
                file: file, key: "source", expected: SourceKinds.all.map { $0.name }.joined(separator: "|"), found: "\"\(name)\"")
        }
        let settings = try kind.init(reading: object, environment: environment)
        let maxPages = try object.int("max_pages", in: 1...100) ?? SourceSpec.defaultMaxPages
        self.id = id
        source = SourceSpec(kind: settings, maxPages: maxPages)
        url = settings.address
        format = .auto
        channel = try object.string("channel") ?? name
        interval = try object.duration("interval", in: 10...30 * 86_400) ?? Self.defaultInterval
        headers = [:]
        keywords = try Self.readKeywords(object)
        match = try Self.readMatch(object, keywords: keywords)
        mapping = nil
        self.file = file
        try object.finish(known: Self.sourceKeys + kind.keys)
    }

    private static func readID(_ object: ConfigObject, expectedID: String) throws(ConfigError) -> String {
        let file = object.file
        let id = try object.requiredString("id", "the feed's id, equal to the file name before .feed.json")
        guard id == expectedID else {
            throw .invalid(file: file, key: "id", expected: "\"\(expectedID)\" (the file name before .feed.json)", found: "\"\(id)\"")
        }
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw .invalid(file: file, key: "id", expected: "letters, digits, '-', '_' or '.'", found: "\"\(id)\"")
        }
        return id
    }

    private static func readKeywords(_ object: ConfigObject) throws(ConfigError) -> [String] {
        let keywords = try object.strings("keywords") ?? []
        guard keywords.count <= 1000, keywords.allSatisfy({ $0.count <= 200 }) else {
            throw .invalid(file: object.file, key: "keywords", expected: "at most 1000 keywords of at most 200 characters",
                           found: "\(keywords.count) keywords, the longest \(keywords.map(\.count).max() ?? 0) characters")
        }
        return keywords
    }

    /// `"match": "brand" | "all"`; refused beside `keywords`, which already say which items are mentions.
    private static func readMatch(_ object: ConfigObject, keywords: [String]) throws(ConfigError) -> MentionFilter.Match? {
        guard let text = try object.string("match") else { return nil }
        guard let match = MentionFilter.Match(rawValue: text) else {
            throw .invalid(file: object.file, key: "match", expected: "\"brand\" (only items naming brand.terms) or \"all\"",
                           found: "\"\(text)\"")
        }
        guard keywords.isEmpty else {
            throw .invalid(file: object.file, key: "match", expected: "no match beside keywords (the keywords decide which items are mentions)",
                           found: "\"\(text)\" and \(keywords.count) keyword(s)")
        }
        return match
    }

    private static func resolve(_ text: String, folder: URL, file: String) throws(ConfigError) -> URL {
        if text.hasPrefix("file:") {
            let path = text.hasPrefix("file://") ? String(text.dropFirst(7)) : String(text.dropFirst(5))
            guard !path.isEmpty, !path.contains("\0") else {
                throw .invalid(file: file, key: "url", expected: "file:PATH", found: "\"\(text)\"")
            }
            let decoded = path.removingPercentEncoding ?? path
            return decoded.hasPrefix("/") ? URL(fileURLWithPath: decoded) : folder.appendingPathComponent(decoded).standardizedFileURL
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw .invalid(file: file, key: "url", expected: "an http(s) URL, or file:PATH relative to the feeds folder", found: "\"\(text)\"")
        }
        return url
    }

    /// Headers with `${NAME}` expanded. The values are secrets: they go to the transport and nowhere else.
    package func expandedHeaders(environment: [String: String]) -> [(name: String, value: String)] {
        headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: EnvironmentExpansion.expand($0.value, environment: environment)) }
    }
}
