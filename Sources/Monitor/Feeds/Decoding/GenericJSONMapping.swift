/// For "format": "json": JSON pointers (RFC 6901) into the document. `items` locates the array; the rest are
/// relative to each item. Only `items` and `text` are required.
public struct GenericJSONMapping: Sendable, Codable, Hashable {
    public var items: String
    public var id: String?
    public var text: String
    public var title: String?
    public var author: String?
    public var url: String?
    public var date: String?
    public var reach: String?

    public init(
        items: String, id: String? = nil, text: String, title: String? = nil, author: String? = nil,
        url: String? = nil, date: String? = nil, reach: String? = nil
    ) {
        self.items = items
        self.id = id
        self.text = text
        self.title = title
        self.author = author
        self.url = url
        self.date = date
        self.reach = reach
    }

    /// RSS-in-JSON (an `rss.channel.item` array, as some converters emit): recognised by `auto`.
    public static let rssInJSON = GenericJSONMapping(
        items: "/rss/channel/item", id: "/guid", text: "/description", title: "/title", author: "/author",
        url: "/link", date: "/pubDate")
}
