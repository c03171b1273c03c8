import ReputationCore

/// Which of a feed's items are mentions. One rule, decided here for every feed:
///
/// - a feed with `keywords` keeps the items that contain one of them, on every stream;
/// - otherwise its `match` decides — `brand`: only items naming one of monitor.json's `brand.terms`; `all`: every
///   item — and without `match`, where the items come from does: the brand's own channels keep everything, general
///   ones (a search, a hashtag, a forum, a news feed) only what names the brand;
/// - with no brand terms configured there is nothing to match, and every item is kept.
///
/// Words are matched by `KeywordFilter` (whole words, handles, hashtags, domains; case and accents ignored).
package struct MentionFilter: Sendable {
    /// A feed's `match` key.
    package enum Match: String, Sendable, CaseIterable {
        /// Only items that name the brand (`brand.terms`).
        case brand
        /// Every item.
        case all
    }

    /// Whose channel a stream reads.
    package enum Scope: Sendable {
        /// The brand's own: its mentions and notifications, its app's reviews, its support inbox, comments on its
        /// videos. Every post there is for the brand, named or not. Default: `all`.
        case own
        /// Anyone's: a search, a hashtag, a subreddit, a news or forum feed — every URL feed. Default: `brand`.
        case general

        var defaultMatch: Match { self == .own ? .all : .brand }
    }

    private let keywords: KeywordFilter
    private let brand: KeywordFilter
    private let match: Match?

    /// `brand` is monitor.json's `brand.terms`, built once per run.
    package init(feed: FeedConfig, brand: KeywordFilter) {
        keywords = KeywordFilter(feed.keywords)
        self.brand = brand
        match = feed.match
    }

    package func keeps(_ item: FeedItem, from scope: Scope) -> Bool {
        if !keywords.isEmpty { return keywords.matches(item) }
        switch match ?? scope.defaultMatch {
        case .all: return true
        case .brand: return brand.matches(item)
        }
    }
}
