/// The namespaces a feed declares on its root and channel (`xmlns:prefix="uri"`), so that an item child is known
/// by its namespace and not by its prefix: `<szf:description>` in someone's own module is not the core
/// description, and `<rss:title>` with `rss` bound to RSS 1.0 is the core title. Prefixes a document uses without
/// declaring them (ill-formed, but common) keep their conventional meaning (`dc:`, `content:`, `media:`, ...).
struct XMLNamespaces {
    enum Role { case core, dc, dcterms, content, media, itunes, xhtml, foreign }

    private var declared: [(prefix: Range<Int>, role: Role)] = []

    /// Reads the `xmlns:*` attributes of the current start tag.
    mutating func declare(from scanner: XMLScanner) {
        let p = scanner.p
        scanner.forEachAttribute { name, value in
            guard name.count > 6, XMLScanner.hasPrefix(p, name.lowerBound, name.upperBound, "xmlns:") else {
                return false
            }
            let uri = PlainText.fromXML(p, value).text
            declared.append((name.lowerBound + 6..<name.upperBound, Self.role(of: uri)))
            return false
        }
    }

    /// The role of a declared prefix; nil when the document did not declare it.
    func role(ofPrefix prefix: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Role? {
        for entry in declared.reversed() where XMLScanner.equals(p, entry.prefix, prefix) { return entry.role }
        return nil
    }

    /// The role of a conventional, undeclared prefix.
    static func conventionalRole(ofPrefix prefix: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Role {
        for (name, role) in conventionalPrefixes where XMLScanner.equals(p, prefix, name) { return role }
        return .core  // `atom:`, `a:`, `rss:` used without a declaration: a core element by its local name
    }

    static func role(of uri: String) -> Role {
        var uri = Substring(uri)
        while uri.hasSuffix("/") || uri.hasSuffix("#") { uri = uri.dropLast() }
        return roles[String(uri).lowercased()] ?? .foreign
    }

    private static let conventionalPrefixes: [(StaticString, Role)] = [
        ("dc", .dc), ("content", .content), ("media", .media), ("itunes", .itunes), ("dcterms", .dcterms),
        ("xhtml", .xhtml),
    ]

    /// Namespace names without their trailing `/` or `#`, lowercased (feeds vary on both).
    private static let roles: [String: Role] = [
        "http://purl.org/rss/1.0": .core, "http://my.netscape.com/rdf/simple/0.9": .core,
        "http://www.w3.org/2005/atom": .core, "http://purl.org/atom/ns": .core,
        "http://backend.userland.com/rss2": .core, "http://blogs.law.harvard.edu/tech/rss": .core,
        "http://backend.userland.com/rss": .core, "http://purl.org/net/rss1.1": .core,
        "http://purl.org/dc/elements/1.1": .dc, "http://purl.org/dc/terms": .dcterms,
        "http://purl.org/rss/1.0/modules/content": .content, "http://search.yahoo.com/mrss": .media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes, "http://www.w3.org/1999/xhtml": .xhtml,
    ]
}
