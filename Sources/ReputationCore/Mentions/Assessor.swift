import Foundation

/// The one assessment of a post, used by `vigia poll` and `vigia score` alike: the scorer reads it once, triage
/// (intent, categories, question, private data) runs over the scorer's tokens with its verdict, and the crisis
/// scopes follow from both. Rules are loaded once per process (a `watch` daemon reuses them every cycle); the
/// buffers live in a `Scratch` the caller keeps for a whole run.
package struct Assessor: Sendable {
    let scorer: SentimentScorer
    let triager: Triager

    package init(sentiment: SentimentRules, triage: TriageRules) {
        scorer = SentimentScorer(rules: sentiment)
        triager = Triager(rules: triage)
    }

    /// The bundled rules plus an optional overlay folder (same file names), for the languages posts are read in
    /// (monitor.json's `languages`: the rules of any other are not used).
    package static func load(overlay: URL? = nil, languages: [String] = SentimentRules.languages)
        throws(RulesError) -> Assessor
    {
        Assessor(sentiment: try SentimentRules.load(overlay: overlay, languages: languages),
                 triage: try TriageRules.load(overlay: overlay, languages: languages))
    }

    /// Buffers reused from one post to the next: tokens, scoring units, the word memo, the author's tokens.
    package struct Scratch: Sendable {
        var scoring = ScoringScratch()
        var author = ScannedText()
        package init() {}
    }

    package func assess(_ mention: Mention, scratch: inout Scratch) -> AssessedMention {
        var text = mention.fullText
        let (sentiment, triage) = text.withUTF8 { bytes in
            assess(utf8: bytes, author: Self.authorText(of: mention), scratch: &scratch)
        }
        return AssessedMention(mention: mention, sentiment: sentiment, triage: triage)
    }

    /// A post's UTF-8 bytes; `languageHint` ("es", "en") breaks ties when the post gives too few clues; `author`
    /// is who wrote it as text (name, handle, site) for the author-kind cues.
    package func assess(utf8 bytes: UnsafeBufferPointer<UInt8>, languageHint: String? = nil, author: String? = nil,
                       scratch: inout Scratch) -> (Sentiment, Triage) {
        var kinds: UInt64 = 0
        if var author, !author.isEmpty {
            author.withUTF8 { triager.rules.scanner.scan(bytes: $0, into: &scratch.author) }
            kinds = triager.authorKinds(of: scratch.author)
        }
        let sentiment = scorer.score(utf8: bytes, languageHint: languageHint, scratch: &scratch.scoring)
        let triage = triager.triage(scanned: scratch.scoring.scanned, utf8: bytes, sentiment: sentiment,
                                    authorKinds: kinds)
        return (sentiment, triage)
    }

    /// The author as the author-kind cues read it: name, handle and the host of the post's link.
    package static func authorText(of mention: Mention) -> String {
        let host = mention.url.flatMap { URL(string: $0)?.host } ?? ""
        return [mention.author.name ?? "", mention.author.handle ?? "", host].joined(separator: " ")
    }

    /// The crisis scopes a mention counts in: the brand overall, its channel, each complaint category.
    package static func scopes(of assessed: AssessedMention) -> [Crisis.Scope] {
        [.brand()] + [.channel(assessed.mention.channel)] + assessed.triage.categories.map { .category($0) }
    }
}

extension Assessor {
    /// One post's text (tests and tools; a run keeps one `Scratch` for all its posts).
    package func assess(_ text: String, languageHint: String? = nil, author: String? = nil,
                       scratch: inout Scratch) -> (Sentiment, Triage) {
        var text = text
        return text.withUTF8 { assess(utf8: $0, languageHint: languageHint, author: author, scratch: &scratch) }
    }
}
