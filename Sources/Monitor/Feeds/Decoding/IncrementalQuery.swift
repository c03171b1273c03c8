import Foundation

/// Incremental APIs remember their place: Mastodon `since_id`, Bluesky `since` (newest time seen; its `cursor`
/// pages backwards, so it is not what a poller wants), Reddit `before`, HN `numericFilters=created_at_i>N`.
/// Given the feed's configured URL, its format and the remembered cursor, the URL to request next.
package enum IncrementalQuery {
    package static func url(for base: URL, format: FeedFormat, cursor: [String: String]) -> URL {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return base }
        var items = components.queryItems ?? []
        switch format == .auto ? inferredFormat(cursor) : format {
        case .mastodon:
            guard let since = cursor["since_id"] else { return base }
            set("since_id", since, in: &items)
        case .bluesky:
            guard let since = cursor["since"] else { return base }
            set("since", since, in: &items)
        case .reddit:
            guard let before = cursor["before"] else { return base }
            set("before", before, in: &items)
        case .hn:
            guard let created = cursor["created_at_i"] else { return base }
            set(
                "numericFilters",
                hnFilters(existing: items.first { $0.name == "numericFilters" }?.value, after: created),
                in: &items)
        default:
            return base
        }
        components.queryItems = items
        // `>` and `+` are legal in queries to URLComponents but not to every server: encode them.
        components.percentEncodedQuery = components.percentEncodedQuery?
            .replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "+", with: "%2B")
        return components.url ?? base
    }

    /// A feed configured as `auto` still polls incrementally: each API's cursor key says which API it is.
    private static func inferredFormat(_ cursor: [String: String]) -> FeedFormat {
        if cursor["since_id"] != nil { return .mastodon }
        if cursor["since"] != nil { return .bluesky }
        if cursor["before"] != nil { return .reddit }
        if cursor["created_at_i"] != nil { return .hn }
        return .auto
    }

    private static func set(_ name: String, _ value: String, in items: inout [URLQueryItem]) {
        items.removeAll { $0.name == name }
        items.append(URLQueryItem(name: name, value: value))
    }

    /// Keeps the feed's own numeric filters (e.g. `points>100`) and replaces any earlier `created_at_i>` one.
    private static func hnFilters(existing: String?, after created: String) -> String {
        var filters = (existing ?? "").split(separator: ",").map(String.init)
        filters.removeAll { $0.hasPrefix("created_at_i>") }
        filters.append("created_at_i>\(created)")
        return filters.joined(separator: ",")
    }
}
