import XCTest
@testable import ReputationCore

/// The scanner's eight-bytes-at-a-time path (`WordChunk`, `WordHasher.add(chunk:byteCount:)`, `StemHeads`) against
/// the plain byte-at-a-time rules it stands in for, on random bytes and on the words that cross its edges.
final class WordChunkTests: XCTestCase {
    /// Bytes drawn mostly from letters (both cases, often repeated), digits, punctuation and UTF-8 lead bytes.
    private func randomChunk(_ generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        let alphabet = Array("aAbBoOzZ09 .'\u{27}-".utf8) + [0xC3, 0xA9, 0x80, 0xFF, 0x40, 0x5B, 0x60, 0x7B, 0x2F, 0x3A]
        var bytes: [UInt8] = []
        while bytes.count < 8 {
            let byte = alphabet.randomElement(using: &generator)!
            let repeats = Int.random(in: 1...3, using: &generator)
            bytes += Array(repeating: byte, count: repeats)
        }
        return Array(bytes.prefix(8))
    }

    func testChunkMatchesByteRules() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let bytes = randomChunk(&generator)
            let chunk = bytes.withUnsafeBytes { WordChunk(at: $0.baseAddress!) }
            func isWordByte(_ byte: UInt8) -> Bool {
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            }
            let count = bytes.prefix(while: isWordByte).count
            let folded = bytes.prefix(count).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
            XCTAssertEqual(chunk.count, count, "\(bytes)")
            var packed: UInt64 = 0
            for (index, byte) in folded.enumerated() { packed |= UInt64(byte) << UInt64(index * 8) }
            XCTAssertEqual(chunk.folded, packed, "\(bytes)")
            XCTAssertEqual(chunk.upper.nonzeroBitCount, bytes.prefix(count).filter { (0x41...0x5A).contains($0) }.count)
            XCTAssertEqual(chunk.lower.nonzeroBitCount, bytes.prefix(count).filter { (0x61...0x7A).contains($0) }.count)
            let triple = count >= 3 && (0...(count - 3)).contains { folded[$0] >= 0x61 && folded[$0] == folded[$0 + 1]
                && folded[$0] == folded[$0 + 2] }
            XCTAssertEqual(chunk.hasTriple, triple, "\(bytes)")
            if count > 0 && !triple {
                let doubled = count >= 2 && folded[count - 1] >= 0x61 && folded[count - 2] == folded[count - 1]
                XCTAssertEqual(chunk.tail.last, folded[count - 1], "\(bytes)")
                XCTAssertEqual(chunk.tail.run, doubled ? 2 : 1, "\(bytes)")
            }
        }
    }

    func testChunkedHashEqualsByteHash() {
        for length in 0...8 {
            let bytes = Array("abcdefgh".utf8.prefix(length))
            var chunked = WordHasher()
            var packed: UInt64 = 0
            for (index, byte) in bytes.enumerated() { packed |= UInt64(byte) << UInt64(index * 8) }
            chunked.add(chunk: 0x6867_6665_6463_6261, byteCount: 8)
            chunked.add(chunk: packed, byteCount: length)
            XCTAssertEqual(chunked.value, WordHasher.hash(Array("abcdefgh".utf8) + bytes), "length \(length)")
        }
    }

    /// Words whose accents, apostrophes and elongations fall before, on and after the edge of an eight-byte chunk
    /// fold and hash as their plain spelling, at every offset in the post.
    func testScannerFoldsAcrossChunkEdges() {
        let scanner = TextScanner(emoticons: [], longestEmoticon: 2)
        let cases: [(String, String, Bool)] = [
            ("atención", "atencion", false), ("ATENCIÓN", "atencion", false), ("malisimooooo", "malisimoo", true),
            ("buenisiiiiimo", "buenisiimo", true), ("abcdefgoooo", "abcdefgoo", true),
            ("abcdefgo" + "oo", "abcdefgoo", true), ("abcdefghijklmnopq", "abcdefghijklmnopq", false),
            ("DON'T", "dont", false), ("don't", "dont", false), ("información123", "informacion123", false),
            ("aaaaaaaaaaaaaaaaaaa", "aa", true), ("x1000000", "x1000000", false),
            ("muyyyy", "muyy", true), ("ñandúúú", "nanduu", true), ("abcdefgh’t", "abcdefght", false),
        ]
        for (word, folded, elongated) in cases {
            for padding in 0..<10 {
                let text = String(repeating: " ", count: padding) + word + String(repeating: " ", count: 9 - padding)
                for text in [text, text.trimmingCharacters(in: .whitespaces)] {
                    let scanned = scanner.scan(text)
                    XCTAssertEqual(scanned.tokens.count, 1, "'\(text)'")
                    guard let token = scanned.tokens.first else { continue }
                    let start = Int(token.foldStart)
                    let foldedText = scanned.folded[start..<(start + Int(token.foldCount))]
                    XCTAssertEqual(String(decoding: foldedText, as: UTF8.self), folded, "'\(text)'")
                    XCTAssertEqual(token.hash, WordHasher.hash(folded.utf8), "'\(text)'")
                    XCTAssertEqual(token.flags.contains(.elongated), elongated, "'\(text)'")
                }
            }
        }
    }

    func testStemHeadsTellLetterAndOtherHeads() {
        let heads = StemHeads([StemHeads.pack(0x66, 0x72, 0x75), StemHeads.pack(0x31, 0x32, 0x33)])  // fru, 123
        XCTAssertTrue(heads.contains(0x66, 0x72, 0x75))
        XCTAssertTrue(heads.contains(0x31, 0x32, 0x33))
        XCTAssertFalse(heads.contains(0x66, 0x72, 0x76))
        XCTAssertFalse(heads.contains(0x7A, 0x7A, 0x7A))
        XCTAssertFalse(heads.contains(0xC3, 0x72, 0x75))
    }
}
