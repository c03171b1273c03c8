import ReputationCore

/// Any JSON shape, through a `GenericJSONMapping` of JSON pointers.
enum GenericJSONDecoder {
    static func decode(_ root: JSONValue, mapping: GenericJSONMapping, notes: inout TextNotes) throws(DecodeError)
        -> [FeedItem]
    {
        guard let found = root.resolve(pointer: mapping.items) else {
            throw DecodeError.mappingMismatch(pointer: mapping.items, reason: "not found in the document")
        }
        guard let elements = found.array ?? (found.isObject ? [found] : nil) else {
            throw DecodeError.mappingMismatch(pointer: mapping.items, reason: "is neither an array nor an object")
        }
        return elements.map { element in
            func field(_ pointer: String?) -> JSONValue? { pointer.flatMap { element.resolve(pointer: $0) } }
            func text(_ pointer: String?) -> String? {
                field(pointer)?.text.map { notes.take(PlainText.fromHTML($0)) }.flatMap(JSONFeedDecoder.nonEmpty)
            }
            let date: JSONValue? = field(mapping.date)
            return FeedItem(
                id: field(mapping.id)?.text, title: text(mapping.title), text: text(mapping.text) ?? "",
                url: field(mapping.url)?.text,
                author: Author(
                    name: text(mapping.author),
                    reach: field(mapping.reach)?.integer),
                publishedAt: date?.string.flatMap(FeedDate.parse) ?? date?.number.flatMap(FeedDate.fromEpoch))
        }
    }
}
