/// Why a document yielded no feed at all. Offsets are byte offsets into the (transcoded) document.
package enum DecodeError: Error, CustomStringConvertible, Sendable, Equatable {
    case empty
    /// `auto` could not tell what the document is; `start` says what it looks like (never its bytes).
    case unrecognizedFormat(start: String)
    /// Well-formed enough, but not the expected kind of document (an HTML page, a JSON error object, ...).
    case notAFeed(format: FeedFormat, found: String)
    case malformedJSON(reason: String, offset: Int)
    case nestingTooDeep(format: FeedFormat, offset: Int)
    case unsupportedEncoding(name: String)
    case missingMapping
    case mappingMismatch(pointer: String, reason: String)

    package var description: String {
        switch self {
        case .empty:
            return "empty document"
        case .unrecognizedFormat(let start):
            return "not a feed: \(start)"
        case .notAFeed(let format, let found):
            return "not a \(format.rawValue) feed: found \(found)"
        case .malformedJSON(let reason, let offset):
            return "malformed JSON at byte \(offset): \(reason)"
        case .nestingTooDeep(let format, let offset):
            return "\(format.rawValue) document nested too deeply at byte \(offset)"
        case .unsupportedEncoding(let name):
            return "unsupported character encoding \"\(name)\""
        case .missingMapping:
            return "format \"json\" needs a mapping (items and text JSON pointers)"
        case .mappingMismatch(let pointer, let reason):
            return "JSON mapping pointer \"\(pointer)\": \(reason)"
        }
    }
}
