import Foundation

/// The source kind a feed is configured with, as `FeedConfig` carries it: the kind's settings (secrets still as
/// `${NAME}` templates) and how many pages one poll may fetch per stream.
package struct SourceSpec: Sendable, Hashable {
    let kind: any SourceKind
    /// Pages one poll fetches at most per stream (hashtag, search, notifications…); the cursor resumes the rest.
    package var maxPages: Int

    package static let defaultMaxPages = 10

    package var name: String { type(of: kind).name }
    package var address: URL { kind.address }

    init(kind: any SourceKind, maxPages: Int) {
        self.kind = kind
        self.maxPages = maxPages
    }

    package static func == (a: SourceSpec, b: SourceSpec) -> Bool {
        a.maxPages == b.maxPages && String(describing: a.kind) == String(describing: b.kind)
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(String(describing: kind)) }
}
