import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// The first item of one real document per format, field by field.
final class FormatGoldenTests: XCTestCase {
    private func first(_ path: String, _ format: FeedFormat = .auto, file: StaticString = #filePath, line: UInt = #line)
        throws -> (DecodedFeed, FeedItem)
    {
        let feed = try FeedDecoder.decode(DecodingCorpus.data(path), format: format)
        return (feed, try XCTUnwrap(feed.items.first, file: file, line: line))
    }

    private func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    func testRSS2WithAuthorAndGUID() throws {
        let (feed, item) = try first("rss/feed-rs__rss_2.0_bbc.xml")
        XCTAssertEqual(feed.format, .rss)
        XCTAssertEqual(item.id, "urn:bbc:podcast:m000sjxt")
        XCTAssertEqual(item.title, "Marcus Aurelius")
        XCTAssertTrue(item.text.hasPrefix("Melvyn Bragg and guests discuss"), item.text)
        XCTAssertEqual(item.url, "http://www.bbc.co.uk/programmes/m000sjxt")
        XCTAssertEqual(item.author.name, "BBC Radio 4")
        XCTAssertEqual(item.publishedAt, date("2021-02-25T10:15:00Z"))
    }

    func testAtom1WithHTMLContent() throws {
        let (feed, item) = try first("atom/rsparser__DaringFireball.rss")
        XCTAssertEqual(feed.format, .atom)
        XCTAssertEqual(feed.items.count, 47)
        XCTAssertEqual(item.id, "tag:daringfireball.net,2016:/linked//6.32173")
        XCTAssertEqual(item.title, "Apple Product Event: Monday March 21")
        XCTAssertTrue(item.text.hasPrefix("Kara Swisher, writing at Recode, broke the news: Attention"), item.text)
        XCTAssertTrue(item.text.contains("although the <title> tag on her story reads “Apple Product"), item.text)
        XCTAssertFalse(item.text.contains("<p>"))
        XCTAssertEqual(
            item.url, "http://recode.net/2016/02/27/remark-your-calendars-apples-product-event-will-week-of-march-21/")
        XCTAssertEqual(item.author.name, "John Gruber")
        XCTAssertEqual(item.publishedAt, date("2016-02-27T21:59:47Z"))
    }

    func testAtom03() throws {
        let (feed, item) = try first("atom/feedparser__docs__atom03.xml")
        XCTAssertEqual(feed.format, .atom)
        XCTAssertEqual(item.title, "First entry title")
        XCTAssertEqual(item.author, Author(name: "Mark Pilgrim", handle: "mark@example.org"))
        // Atom 0.3's `issued` is when the entry was first published (feedparser's `published`); `created` is older.
        XCTAssertEqual(item.publishedAt, date("2004-04-20T00:23:47Z"))
    }

    func testRelativeLinksResolveAgainstTheBase() throws {
        let (_, item) = try first("atom/feedparser__docs__atom10.xml")
        XCTAssertEqual(item.url, "http://example.org/entry/3")
        let (_, based) = try first("atom/feedparser__docs__base.xml")
        XCTAssertEqual(based.url, "http://example.org/archives/000001.html")
    }

    func testPrefixedCoreElementsAreRecognised() throws {
        let (feed, item) = try first("atom/node-feedparser__nondefaultnamespace.atom")
        XCTAssertEqual(feed.format, .atom)
        XCTAssertEqual(item.title, "If you can read the content of this entry, your aggregator works fine.")
        let (_, rdf) = try first("rdf/feedparser__wellformed__namespace__rss1.0withModulesNoDefNS.xml")
        XCTAssertEqual(rdf.title, "Test Item - RSS 1.0 no Default NS")
    }

    func testRDF() throws {
        let (feed, item) = try first("rdf/feed-rs__rss_1.0_debian.xml")
        XCTAssertEqual(feed.format, .rdf)
        XCTAssertEqual(item.title, "Updated Debian 11: 11.6 released")
        XCTAssertEqual(item.url, "https://www.debian.org/News/2022/20221217")
        XCTAssertEqual(item.id, item.url, "without a guid the link identifies the item")
        XCTAssertEqual(item.publishedAt, date("2022-12-17T00:00:00Z"))
    }

    func testJSONFeed() throws {
        let (feed, item) = try first("jsonfeed/jsonfeed-spec__1.1__example2.json")
        XCTAssertEqual(feed.format, .jsonfeed)
        XCTAssertEqual(item.id, "http://therecord.co/chris-parrish")
        XCTAssertEqual(item.title, "Special #1 - Chris Parrish")
        XCTAssertTrue(item.text.hasPrefix("Chris has worked at Adobe"), item.text)
        XCTAssertEqual(item.publishedAt, date("2014-05-09T21:04:00Z"))
        let authors = try FeedDecoder.decode(DecodingCorpus.data("jsonfeed/rsparser__authors.json"), format: .jsonfeed)
        XCTAssertEqual(
            authors.items.map(\.author.name), ["Root Author 1", "Legacy Item Author", "Item Author 1", "Item Author 1"])
    }

    func testMastodonStatus() throws {
        let (feed, item) = try first("mastodon/mastodon-docs__Status_entity_0.json")
        XCTAssertEqual(feed.format, .mastodon)
        XCTAssertEqual(item.id, "103270115826048975")
        XCTAssertTrue(item.text.hasPrefix("\"I lost my inheritance with one wrong digit on my sort code\" https://"))
        XCTAssertEqual(item.url, "https://mastodon.social/@Gargron/103270115826048975")
        XCTAssertEqual(item.author, Author(name: "Eugen", handle: "Gargron", reach: 322930))
        XCTAssertEqual(item.publishedAt?.timeIntervalSince1970 ?? 0, 1_575_776_913.901, accuracy: 0.0001)
        XCTAssertEqual(feed.cursor, ["since_id": "103270115826048975"])
    }

    func testMastodonSearchAndTimeline() throws {
        let search = try FeedDecoder.decode(
            DecodingCorpus.data("mastodon/mastodon.py__test_entity_searchv2__2.json"), format: .mastodon)
        XCTAssertEqual(search.items.count, 2)
        let timeline = try FeedDecoder.decode(
            DecodingCorpus.data("mastodon/mastodon.py__test_public_tl__2.json"), format: .auto)
        XCTAssertEqual(timeline.items.first?.text, "Toot, finally!")
        XCTAssertEqual(timeline.items.first?.author.handle, "mastodonpy_test_2")
        XCTAssertEqual(timeline.cursor["since_id"], "117020593378945190")
    }

    func testBlueskySearchAndTimelineEnvelope() throws {
        let (feed, item) = try first("bluesky/bskyr__searchPosts_2025-05-19.json")
        XCTAssertEqual(feed.format, .bluesky)
        XCTAssertEqual(item.id, "at://did:plc:kkergqgbhb56ptpwj2wenkje/app.bsky.feed.post/3lpk2u6qo222m")
        XCTAssertEqual(item.url, "https://bsky.app/profile/socpaperbot.bsky.social/post/3lpk2u6qo222m")
        XCTAssertEqual(item.author.handle, "socpaperbot.bsky.social")
        XCTAssertEqual(item.author.name, "Sociology papers (journals + SocArXiv)")
        XCTAssertTrue(item.text.hasPrefix("Ends Versus Means: Public Opinion on Congressional Redistricting"))
        XCTAssertEqual(
            item.publishedAt?.timeIntervalSince1970 ?? 0, date("2025-05-19T17:10:09Z").timeIntervalSince1970 + 0.561858,
            accuracy: 0.0001)
        let (timeline, post) = try first("bluesky/bskyr__getTimeline.json")
        XCTAssertEqual(timeline.items.count, 50)
        XCTAssertEqual(post.author.name, "Mirya Holman")
        XCTAssertEqual(post.url, "https://bsky.app/profile/mirya.bsky.social/post/3kazcxhe5b52v")
    }

    func testRedditLinksAndComments() throws {
        let (feed, item) = try first("reddit/praw__TestSubreddit.test_search__1.json")
        XCTAssertEqual(feed.format, .reddit)
        XCTAssertEqual(item.id, "t3_3gpbiu")
        XCTAssertEqual(item.title, "[PRAW][OAuth2Util] Problem using get_banned() : raise Forbidden(_raw=response)")
        XCTAssertTrue(item.text.hasPrefix("# solved Problem solved with this:"), item.text)
        XCTAssertEqual(item.author.handle, "dClauzel")
        XCTAssertEqual(item.url?.hasPrefix("https://www.reddit.com/r/redditdev/comments/3gpbiu/"), true)
        XCTAssertEqual(item.publishedAt, date("2015-08-12T09:08:34Z"))
        XCTAssertEqual(feed.cursor, ["before": "t3_3gpbiu"])
        let (_, comment) = try first("reddit/praw__TestRedditorListings.test_overview__new__1.json")
        XCTAssertEqual(comment.id, "t1_optfyql")
        XCTAssertEqual(comment.author.handle, "spez")
        XCTAssertEqual(comment.title, "Steve, Jen, and Drew here — Ask Us Anything!")
    }

    func testHackerNewsHits() throws {
        let (feed, item) = try first("hn/hn-algolia__19ce247__search_by_date_tags_story.json")
        XCTAssertEqual(feed.format, .hn)
        XCTAssertEqual(item.id, "7822692")
        XCTAssertEqual(item.title, "Ask HN: How do you *really* get a good Software Engineering job?")
        XCTAssertTrue(item.text.hasPrefix("It seems like anything I do is never good enough."))
        XCTAssertEqual(item.url, "https://news.ycombinator.com/item?id=7822692")
        XCTAssertEqual(item.author.handle, "seeminglylost")
        XCTAssertEqual(item.publishedAt, date("2014-05-30T16:35:00Z"))
        XCTAssertEqual(feed.cursor["created_at_i"].flatMap(Int.init).map { $0 >= 1_401_467_700 }, true)
    }

    func testGenericJSONThroughAMapping() throws {
        let mapping = GenericJSONMapping(
            items: "/rss/channel/item", id: "/guid", text: "/source:outline/text", url: "/link", date: "/pubDate")
        let feed = try FeedDecoder.decode(
            DecodingCorpus.data("generic/rsparser__ScriptingNews.rss-in-json.json"), format: .json, mapping: mapping)
        XCTAssertEqual(feed.format, .json)
        XCTAssertEqual(feed.items.count, 50)
        XCTAssertEqual(feed.items[0].text, "Good morning students and teachers! :green_apple:")
        XCTAssertEqual(feed.items[0].url, "http://scripting.com/2017/06/26.html#a080605")
        XCTAssertEqual(feed.items[0].publishedAt, date("2017-06-26T12:20:05Z"))
        let auto = try FeedDecoder.decode(
            DecodingCorpus.data("generic/rsparser__ScriptingNews.rss-in-json.json"), format: .auto)
        XCTAssertEqual(auto.items[0].text, "Good morning students and teachers! 🍏")
    }

    func testGenericJSONMappingErrors() throws {
        let data = Data(#"{"data": {"posts": [{"body": "<b>Hi</b> &amp; bye", "n": 12, "who": "ana"}]}}"#.utf8)
        XCTAssertThrowsError(try FeedDecoder.decode(data, format: .json)) { error in
            XCTAssertEqual(error as? DecodeError, .missingMapping)
        }
        let wrong = GenericJSONMapping(items: "/data/missing", text: "/body")
        XCTAssertThrowsError(try FeedDecoder.decode(data, format: .json, mapping: wrong))
        let mapping = GenericJSONMapping(items: "/data/posts", text: "/body", author: "/who", reach: "/n")
        let item = try XCTUnwrap(FeedDecoder.decode(data, format: .json, mapping: mapping).items.first)
        XCTAssertEqual(item.text, "Hi & bye")
        XCTAssertEqual(item.author, Author(name: "ana", reach: 12))
        XCTAssertTrue(item.stableID.hasPrefix("h:"), "no id mapped: the stable hash stands in")
    }

    func testCharsetFromContentTypeOverridesTheDeclaration() throws {
        let path = "rss/feedparser__encoding__http_text_xml_charset_2.xml"
        let data = try DecodingCorpus.data(path)
        let contentType = try XCTUnwrap(DecodingCorpus.headerContentType(data))
        let item = try XCTUnwrap(FeedDecoder.decode(data, format: .rss, contentType: contentType).items.first)
        XCTAssertEqual(item.text, "This is a £“test.”")
        let document = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"
            + "<rss><channel><item><title>caf\u{E9}</title></item></channel></rss>"
        let latin1 = Data(document.unicodeScalars.map { UInt8($0.value) })
        XCTAssertEqual(try FeedDecoder.decode(latin1, format: .auto).items.first?.title, "café")
    }
}
