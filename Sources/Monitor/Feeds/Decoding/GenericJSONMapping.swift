/// For "format": "json": JSON pointers (RFC 6901) into the document. `items` locates the array; the rest are
/// relative to each item. Only `items` and `text` are required.
package struct GenericJSONMapping: Sendable, Codable, Hashable {
    package var items: String
    package var id: String?
    package var text: String
    package var title: String?
    package var author: String?
    package var url: String?
    package var date: String?
    package var reach: String?

    package init(
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
    package static let rssInJSON = GenericJSONMapping(
        items: "/rss/channel/item", id: "/guid", text: "/description", title: "/title", author: "/author",
        url: "/link", date: "/pubDate")
}
