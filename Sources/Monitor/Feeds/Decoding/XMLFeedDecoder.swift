import ReputationCore

/// RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and Microsoft CDF over UTF-8 bytes, on top of `XMLScanner`. Items are
/// `<item>`/`<entry>` elements not inside another item (nested ones are ignored, as upstream parsers expect).
/// Unclosed and mismatched tags are tolerated: an end tag closes up to its matching start tag, unknown end tags
/// are ignored.
struct XMLFeedDecoder {
    /// Deeper elements are still scanned, but not tracked on the stack (memory stays bounded).
    static let maxDepth = 512
    static let searchDepth = 64

    private let p: UnsafeBufferPointer<UInt8>
    private var scanner: XMLScanner
    private var stack: [Range<Int>] = []
    private var format: FeedFormat?
    private var items: [FeedItem] = []
    private var draft: XMLItemDraft?
    private var itemDepth = 0
    private var field: OpenField?
    private var feedAuthor: Author?
    /// What relative item links resolve against: the root's `xml:base`, else the document's HTTP base
    /// (Content-Location, else its URL), else the feed's own link.
    private var documentBase: String?
    private let httpBase: String?
    private var namespaces = XMLNamespaces()
    /// Microsoft's Channel Definition Format: upper-case `<CHANNEL>`/`<ITEM>`, link and date as attributes.
    private var isCDF = false
    private var notes = TextNotes()

    /// An element whose content is taken raw; its children are only counted, never tracked.
    private struct OpenField {
        var kind: Kind
        var name: Range<Int>
        var contentStart: Int
        var markup = XMLItemDraft.Markup.escaped
        var nesting = 0
    }

    private enum Kind {
        case item(XMLItemDraft.Field)
        case author, creator, feedAuthor, feedLink, skip
    }

    init(_ p: UnsafeBufferPointer<UInt8>, base: String? = nil) {
        self.p = p
        self.scanner = XMLScanner(p)
        self.httpBase = base
        self.documentBase = base
    }

    /// `base` is the document's own URL for relative links (see `FeedDecoder.decode`), nil for files.
    static func decode(_ p: UnsafeBufferPointer<UInt8>, base: String? = nil) throws(DecodeError) -> DecodedFeed {
        var decoder = XMLFeedDecoder(p, base: base)
        return try decoder.run()
    }

    private mutating func run() throws(DecodeError) -> DecodedFeed {
        while true {
            let token = scanner.next()
            if token == .eof { break }
            if field != nil, continueField(token) { continue }
            if token == .start {
                try handleStart()
            } else {
                handleEnd()
            }
        }
        guard let format else { throw DecodeError.notAFeed(format: .rss, found: "no XML root element") }
        var problems = notes.problems
        if draft != nil {
            problems.append("document truncated inside item \(items.count + 1); \(items.count) complete items kept")
        } else if !stack.isEmpty || scanner.cutInsideMarkup {
            problems.append("document ends before its root element closes (truncated or ill-formed)")
        }
        return DecodedFeed(format: format, items: items, problems: problems)
    }

    /// Inside a raw field: true when the token was consumed by it.
    private mutating func continueField(_ token: XMLScanner.Token) -> Bool {
        guard var open = field else { return false }
        if XMLScanner.equals(p, scanner.name, open.name) {
            if token == .start {
                if !scanner.selfClosing { open.nesting += 1 }
                field = open
                return true
            }
            if open.nesting > 0 {
                open.nesting -= 1
                field = open
                return true
            }
            closeField(open, contentEnd: scanner.tagStart)
            return true
        }
        // An unclosed field ends where its item does.
        if token == .end, draft != nil, itemDepth >= 1, itemDepth <= stack.count,
            XMLScanner.equals(p, scanner.name, stack[itemDepth - 1])
        {
            closeField(open, contentEnd: scanner.tagStart)
            return false
        }
        return true
    }

    private mutating func closeField(_ open: OpenField, contentEnd: Int) {
        field = nil
        let range = open.contentStart..<max(open.contentStart, contentEnd)
        switch open.kind {
        case .item(let kind): draft?.record(kind, range, markup: open.markup)
        case .author: if draft?.author == nil { draft?.author = range }
        case .creator: if draft?.creator == nil { draft?.creator = range }
        case .feedAuthor: if feedAuthor == nil { feedAuthor = XMLItemDraft.author(p, range, notes: &notes) }
        case .feedLink: if documentBase == nil { documentBase = notes.take(PlainText.fromXML(p, range)) }
        case .skip: break
        }
    }

    private mutating func handleStart() throws(DecodeError) {
        guard format != nil else { return try beginRoot() }
        let local = XMLScanner.localName(p, scanner.name)
        if draft == nil {
            if isItem(local) {
                beginItem()
            } else if stack.count == 1, format == .atom, XMLScanner.equals(p, local, "author") {
                openField(.feedAuthor)
            } else if stack.count <= 2, documentBase == nil, XMLScanner.equals(p, scanner.name, "link") {
                offerFeedLink()
            } else {
                if stack.count == 1 { namespaces.declare(from: scanner) }  // the channel's declarations
                push()
            }
            return
        }
        if XMLScanner.equals(p, local, "link"), let href = scanner.attribute("href") {
            draft?.offerHref(href, rel: scanner.attribute("rel"))
            if !scanner.selfClosing { openField(.skip) }
            return
        }
        if let kind = itemFieldKind(scanner.name) {
            if !scanner.selfClosing {
                openField(kind)
                if case .item(let itemField) = kind {
                    let written = markup(of: itemField)  // a local: `field` is being written
                    field?.markup = written
                }
            }
            return
        }
        push()
    }

    /// How the field just opened is written, from its `type`/`mode` attributes and its name.
    private func markup(of field: XMLItemDraft.Field) -> XMLItemDraft.Markup {
        guard field == .title || field == .content || field == .summary || field == .description else {
            return .escaped
        }
        if XMLScanner.equals(p, XMLScanner.localName(p, scanner.name), "body") { return .inline }
        guard !scanner.attributes.isEmpty else { return .escaped }
        if let mode = scanner.attribute("mode")?.lowercased() {
            if mode == "base64" { return .base64 }
            if mode == "xml" { return .inline }
        }
        guard let type = scanner.attribute("type")?.lowercased() else { return .escaped }
        switch type {
        case "text", "text/plain": return .text
        case "xhtml", "application/xhtml+xml": return .inline
        case "html", "text/html": return .escaped
        default:
            // Atom 1.0 §4.1.3.3: content of any other media type that is not XML or text is base64.
            let textual = type.hasPrefix("text/") || type.hasSuffix("xml") || !type.contains("/")
            return textual ? .escaped : .base64
        }
    }

    private mutating func beginRoot() throws(DecodeError) {
        let local = XMLScanner.localName(p, scanner.name)
        if XMLScanner.equals(p, local, "rss") || XMLScanner.equals(p, local, "channel") {
            format = .rss
        } else if XMLScanner.equals(p, local, "CHANNEL") {
            format = .rss
            isCDF = true
        } else if XMLScanner.equals(p, local, "RDF") || XMLScanner.equals(p, local, "Channel") {
            format = .rdf
        } else if XMLScanner.equals(p, local, "feed") {
            format = .atom
        } else {
            // What it is, never its bytes (a `file:` feed pointed at a secret must not echo it into errors).
            let isHTML = XMLScanner.equals(p, local, "html") || XMLScanner.equals(p, local, "HTML")
            throw DecodeError.notAFeed(format: .rss, found: isHTML ? "an HTML page" : "an XML document that is not RSS, Atom or RDF")
        }
        if let base = scanner.attribute("xml:base") {
            documentBase = httpBase.map { XMLItemDraft.resolve(base, against: $0) } ?? base
        }
        namespaces.declare(from: scanner)
        push()
    }

    /// The channel's `<link>` text or the feed's alternate `<link href>`, for resolving relative item links.
    private mutating func offerFeedLink() {
        if let href = scanner.attribute("href") {
            let rel = scanner.attribute("rel")
            if rel == nil || rel == "alternate" { documentBase = href }
            if !scanner.selfClosing { openField(.skip) }
        } else if !scanner.selfClosing {
            openField(.feedLink)
        }
    }

    private func isItem(_ local: Range<Int>) -> Bool {
        if isCDF { return XMLScanner.equals(p, local, "ITEM") }
        return format == .atom ? XMLScanner.equals(p, local, "entry") : XMLScanner.equals(p, local, "item")
    }

    private mutating func beginItem() {
        draft = XMLItemDraft()
        if !scanner.attributes.isEmpty {
            draft?.base = scanner.attribute("xml:base").map { XMLItemDraft.resolve($0, against: documentBase) }
            draft?.about = scanner.attribute("rdf:about")
            if isCDF {
                draft?.linkHref = scanner.attribute("HREF")
                draft?.attributeDate = scanner.attribute("LASTMOD")
            }
        }
        if scanner.selfClosing {
            finishItem()
            return
        }
        stack.append(scanner.name)
        itemDepth = stack.count
    }

    private mutating func finishItem() {
        guard let item = draft else { return }
        draft = nil
        items.append(item.build(p, feedAuthor: feedAuthor, base: documentBase, isAtom: format == .atom, notes: &notes))
    }

    private mutating func openField(_ kind: Kind) {
        field = OpenField(kind: kind, name: scanner.name, contentStart: scanner.tagEnd)
    }

    private mutating func push() {
        guard !scanner.selfClosing, stack.count < Self.maxDepth else { return }
        stack.append(scanner.name)
    }

    /// Closes up to the matching open element. Only the top `searchDepth` frames (and the open item) are searched,
    /// so a flood of stray end tags under deep nesting costs linear time, not depth × tags.
    private mutating func handleEnd() {
        var index: Int?
        var k = stack.count - 1
        while k >= 0, k >= stack.count - Self.searchDepth {
            if XMLScanner.equals(p, scanner.name, stack[k]) {
                index = k
                break
            }
            k -= 1
        }
        if index == nil, draft != nil, itemDepth >= 1, itemDepth <= stack.count,
            XMLScanner.equals(p, scanner.name, stack[itemDepth - 1])
        {
            index = itemDepth - 1
        }
        guard let index else { return }
        stack.removeSubrange(index...)
        if draft != nil, stack.count < itemDepth { finishItem() }
    }

    /// Which item child an element is: by its namespace when the document declares the prefix (a foreign
    /// namespace's `description` is none of ours), by the conventional prefix (`dc`, `content`, `media`,
    /// `itunes`, `dcterms`, `xhtml`) when it does not; unprefixed and core-namespace names by their local name.
    private func itemFieldKind(_ name: Range<Int>) -> Kind? {
        let local = XMLScanner.localName(p, name)
        if isCDF { return Self.kind(of: local, in: Self.cdfFields, p) }
        let prefix = name.lowerBound..<max(name.lowerBound, local.lowerBound - 1)
        let role =
            prefix.isEmpty
            ? .core
            : namespaces.role(ofPrefix: prefix, in: p) ?? XMLNamespaces.conventionalRole(ofPrefix: prefix, in: p)
        let table: [(StaticString, Kind)]
        switch role {
        case .core: table = Self.coreFields
        case .dc: table = Self.dcFields
        case .dcterms: table = Self.dctermsFields
        case .content: table = Self.contentFields
        case .media: table = Self.mediaFields
        case .itunes: table = Self.itunesFields
        case .xhtml: table = Self.xhtmlFields
        case .foreign: return nil
        }
        return Self.kind(of: local, in: table, p)
    }

    private static func kind(of local: Range<Int>, in table: [(StaticString, Kind)], _ p: UnsafeBufferPointer<UInt8>)
        -> Kind?
    {
        for (candidate, kind) in table where candidate.utf8CodeUnitCount == local.count {
            if XMLScanner.equals(p, local, candidate) { return kind }
        }
        return nil
    }

    /// First match wins; static tables so classifying a tag allocates nothing.
    private static let coreFields: [(StaticString, Kind)] = [
        ("title", .item(.title)), ("description", .item(.description)), ("content", .item(.content)),
        ("summary", .item(.summary)), ("guid", .item(.id)), ("id", .item(.id)), ("link", .item(.link)),
        ("pubDate", .item(.date)), ("published", .item(.date)), ("issued", .item(.date)), ("created", .item(.created)),
        ("updated", .item(.updated)), ("modified", .item(.updated)), ("author", .author), ("item", .skip),
        ("entry", .skip), ("source", .skip), ("body", .item(.content)), ("fullitem", .item(.content)),
    ]

    private static let dcFields: [(StaticString, Kind)] = [
        ("creator", .creator), ("author", .creator), ("date", .item(.date)), ("title", .item(.title)),
        ("description", .item(.description)), ("identifier", .item(.id)),
    ]
    private static let dctermsFields: [(StaticString, Kind)] = [
        ("modified", .item(.updated)), ("created", .item(.created)), ("issued", .item(.date)),
    ]
    private static let contentFields: [(StaticString, Kind)] = [("encoded", .item(.content))]
    private static let mediaFields: [(StaticString, Kind)] = [
        ("title", .item(.mediaTitle)), ("description", .item(.mediaDescription)),
    ]
    private static let itunesFields: [(StaticString, Kind)] = [
        ("author", .creator), ("summary", .item(.mediaDescription)),
    ]
    private static let xhtmlFields: [(StaticString, Kind)] = [("body", .item(.content))]
    private static let cdfFields: [(StaticString, Kind)] = [
        ("TITLE", .item(.title)), ("ABSTRACT", .item(.summary)), ("ITEM", .skip),
    ]
}
