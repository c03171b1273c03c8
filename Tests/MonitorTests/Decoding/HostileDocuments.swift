import Foundation

/// The large hostile documents, built here the way the bench's `hostile/gen_hostile.py` builds its `gen__*`
/// files, so the tests need neither ../shared nor megabytes of fixtures in the project.
enum HostileDocuments {
    /// `gen__huge_title_rss.xml`: RSS 2.0 with 2 items; item 1's title is 3 MiB of text.
    static func hugeTitleRSS() -> Data {
        Data(("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>huge</title>"
            + "<item><title>\(words)</title><guid>h1</guid></item>"
            + "<item><title>normal item</title><guid>h2</guid></item></channel></rss>").utf8)
    }

    /// `gen__huge_content_mastodon.json`: one status whose content is 3 MiB of text.
    static func hugeContentMastodon() -> Data {
        Data(("[{\"id\":\"1\",\"created_at\":\"2024-01-01T00:00:00.000Z\",\"url\":\"http://127.0.0.1/@a/1\","
            + "\"content\":\"<p>\(words)</p>\",\"account\":{\"id\":\"1\",\"acct\":\"a\"},\"visibility\":\"public\",\"tags\":[]}]").utf8)
    }

    /// `gen__deep_nested_jsonfeed.json`: a JSON Feed 1.1 item with 200,000 nested arrays in an extension key.
    static func deepNestedJSONFeed() -> Data {
        Data(("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"deep\",\"items\":[{\"id\":\"1\","
            + "\"content_text\":\"x\",\"_deep\":" + String(repeating: "[", count: 200_000)
            + String(repeating: "]", count: 200_000) + "}]}").utf8)
    }

    /// `gen__truncated_mid_utf8_*.atom.xml`: an Atom feed cut at ~60% just after the lead byte of a
    /// multi-byte UTF-8 sequence (the sample is Daring Fireball's Atom feed, full of curly quotes).
    static func truncatedMidUTF8Atom() throws -> Data {
        let atom = try DecodingCorpus.data("atom/rsparser__DaringFireball.rss")
        var cut = atom.startIndex + atom.count * 6 / 10
        while atom[cut] < 0xC0 { cut += 1 }
        return atom.prefix(through: cut)
    }

    private static let words = String(String(repeating: "brand mention lorem ipsum ", count: 3 << 20 / 26 + 1)
        .prefix(3 << 20))
}
