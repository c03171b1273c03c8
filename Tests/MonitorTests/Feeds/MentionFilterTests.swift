import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Which items are mentions: a feed's keywords, else its `match`, else its stream's default (the brand's own
/// channels keep everything, general ones only what names one of `brand.terms`), terms matched as words, handles,
/// hashtags and domains, case and accents ignored.
final class MentionFilterTests: XCTestCase {
    private let brand = KeywordFilter(["Casa Alba", "casaalba", "@casaalba", "#CasaAlba", "casaalba.es"])

    func testTermsMatchAsWordsHandlesHashtagsAndDomains() {
        for text in ["Pedido a CASA ÁLBA sin llegar", "¡casa alba!", "gracias @CasaAlba", "#casaalba nunca más",
                     "mira https://www.casaalba.es/pedido/12", "Casa Alba's sofa", "(casaalba)",
                     "Casa\u{0301} Alba"] {
            XCTAssertTrue(brand.matches(text), text)
        }
        for text in ["casa albaricoque en venta", "micasaalba dice", "@casaalba_fan opina", "#CasaAlbaFake",
                     "una casa en Alba de Tormes", ""] {
            XCTAssertFalse(brand.matches(text), text)
        }
    }

    func testATermEdgedWithPunctuationNeedsNoBoundaryThere() {
        let handle = KeywordFilter(["@casaalba"])
        XCTAssertTrue(handle.matches("hola@casaalba ayuda"), "'@' starts the term: nothing is asked of what precedes it")
        XCTAssertFalse(handle.matches("escribe a @casaalbaes"))
        XCTAssertFalse(handle.matches("casaalba sin arroba"))
        let domain = KeywordFilter(["casaalba.es"])
        XCTAssertTrue(domain.matches("pedí en www.casaalba.es."))
        XCTAssertFalse(domain.matches("casaalba.eshop"))
    }

    func testNoTermsMatchEverything() {
        XCTAssertTrue(KeywordFilter([]).matches("anything"))
        XCTAssertTrue(KeywordFilter([""]).isEmpty)
        XCTAssertTrue(KeywordFilter([""]).matches("anything"))
    }

    private func feed(keywords: [String] = [], match: MentionFilter.Match? = nil) -> FeedConfig {
        var feed = FeedConfig(id: "f", url: URL(string: "https://news.example/rss")!, format: .rss, channel: "web",
                              interval: 300, headers: [:], keywords: keywords, mapping: nil, file: "f.feed.json")
        feed.match = match
        return feed
    }

    private let named = FeedItem(id: "1", title: "Opiniones de Casa Alba", text: "tardan mucho")
    private let unnamed = FeedItem(id: "2", title: nil, text: "mi pedido no llega")

    func testStreamsDefaultByWhoseChannelTheyRead() {
        let filter = MentionFilter(feed: feed(), brand: brand)
        XCTAssertTrue(filter.keeps(named, from: .general))
        XCTAssertFalse(filter.keeps(unnamed, from: .general), "a search or hashtag keeps only posts naming the brand")
        XCTAssertTrue(filter.keeps(unnamed, from: .own), "the brand's own mentions, reviews and inbox keep everything")
    }

    func testMatchOverridesTheDefault() {
        let all = MentionFilter(feed: feed(match: .all), brand: brand)
        XCTAssertTrue(all.keeps(unnamed, from: .general))
        let branded = MentionFilter(feed: feed(match: .brand), brand: brand)
        XCTAssertFalse(branded.keeps(unnamed, from: .own))
        XCTAssertTrue(branded.keeps(named, from: .own))
    }

    func testKeywordsDecideOnEveryStream() {
        let filter = MentionFilter(feed: feed(keywords: ["pedido"]), brand: brand)
        XCTAssertTrue(filter.keeps(unnamed, from: .general))
        XCTAssertFalse(filter.keeps(named, from: .own), "keywords apply to the brand's own streams too")
    }

    func testNoBrandTermsKeepEverything() {
        let filter = MentionFilter(feed: feed(), brand: KeywordFilter([]))
        XCTAssertTrue(filter.keeps(unnamed, from: .general))
    }

    // MARK: configuration

    private func load(_ feedJSON: String, monitor: String? = nil) throws -> Configuration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try Data(feedJSON.utf8).write(to: folder.appendingPathComponent("f.feed.json"))
        if let monitor { try Data(monitor.utf8).write(to: folder.appendingPathComponent("monitor.json")) }
        return try Configuration.load(folder: folder, environment: [:])
    }

    func testMatchIsReadAndChecked() throws {
        XCTAssertEqual(try load(#"{"id": "f", "url": "https://a.example/rss", "match": "all"}"#).feeds.first?.match, .all)
        XCTAssertNil(try load(#"{"id": "f", "url": "https://a.example/rss"}"#).feeds.first?.match)
        XCTAssertThrowsError(try load(#"{"id": "f", "url": "https://a.example/rss", "match": "everything"}"#)) { error in
            XCTAssertTrue("\(error)".contains("f.feed.json") && "\(error)".contains("match"), "\(error)")
        }
        XCTAssertThrowsError(try load(#"{"id": "f", "url": "https://a.example/rss", "match": "all", "keywords": ["x"]}"#)) {
            XCTAssertTrue("\($0)".contains("match") && "\($0)".contains("keywords"), "\($0)")
        }
    }

    func testLanguagesAreChecked() throws {
        let feed = #"{"id": "f", "url": "https://a.example/rss"}"#
        XCTAssertEqual(try load(feed, monitor: #"{"languages": ["es"]}"#).settings.languages, ["es"])
        for bad in [#"["es", "fr"]"#, "[]", #"["en", "en"]"#] {
            XCTAssertThrowsError(try load(feed, monitor: #"{"languages": \#(bad)}"#), bad) { error in
                XCTAssertTrue("\(error)".contains("monitor.json") && "\(error)".contains("languages"), "\(error)")
            }
        }
    }
}
