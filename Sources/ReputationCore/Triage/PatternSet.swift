/// Patterns indexed by their first word, so a post is matched in one pass: each token looks up the patterns
/// that can start with it (exact hash, or its prefixes of the lengths some stem has), then checks the rest.
struct PatternSet: Sendable {
    private var patterns: [PhrasePattern] = []
    /// An evidence bit per pattern (intent cues; 0 for the others), for `matchBits`.
    private var bits: [UInt64] = []
    private var byWord: [UInt64: [Int]] = [:]
    private var byPrefix: [UInt64: [Int]] = [:]
    private var prefixLengths: UInt32 = 0
    private var prefixHeads: [UInt64: Bool] = [:]
    /// Where a word's candidate patterns sit in `candidates`: a plain value, so a lookup hit copies two integers
    /// where an array value would cost a retain and a release.
    private struct Span: Sendable {
        var start: Int32
        var count: Int32
    }

    /// The two indexes frozen for matching (rebuilt by `freeze`; rules are loaded once), over one flat array.
    private var candidates: [Int] = []
    private var wordTable = KeyTable<Span>([:])
    private var prefixTable = KeyTable<Span>([:])
    /// Hashes of the stems' first three bytes: a word that starts none of them needs no prefix lookups.
    private var headTable = KeyTable<Bool>([:])

    var isEmpty: Bool { patterns.isEmpty }

    mutating func add(_ pattern: PhrasePattern, bit: UInt64 = 0) {
        let index = patterns.count
        patterns.append(pattern)
        bits.append(bit)
        let first = pattern.words[0]
        if first.isPrefix {
            byPrefix[first.hash, default: []].append(index)
            prefixLengths |= 1 << UInt32(min(first.length, 31))
            prefixHeads[first.head] = true
        } else {
            byWord[first.hash, default: []].append(index)
        }
    }

    /// Freezes the indexes; call once after the last `add`.
    mutating func freeze() {
        candidates = []
        wordTable = KeyTable(byWord.mapValues { Self.span(of: $0, in: &candidates) })
        prefixTable = KeyTable(byPrefix.mapValues { Self.span(of: $0, in: &candidates) })
        headTable = KeyTable(prefixHeads)
    }

    /// The ids of the patterns found in `scanned` for `language`, each once, in rule order; with `atStart`, only
    /// patterns that begin at the post's first word.
    func matches(in scanned: ScannedText, language: String, atStart: Bool = false) -> [String] {
        var found: [Int] = []
        forEachMatch(in: scanned, language: language, atStart: atStart) { index in
            if !found.contains(index) { found.append(index) }
        }
        if found.isEmpty { return [] }
        var ids: [String] = []
        for index in found.sorted() where !ids.contains(patterns[index].id) { ids.append(patterns[index].id) }
        return ids
    }

    /// The evidence bits of the patterns found, or-ed: no array or string per post.
    func matchBits(in scanned: ScannedText, language: String, atStart: Bool = false) -> UInt64 {
        var found: UInt64 = 0
        forEachMatch(in: scanned, language: language, atStart: atStart) { found |= bits[$0] }
        return found
    }

    /// Calls `body` with the index of every pattern that matches somewhere (possibly more than once).
    private func forEachMatch(in scanned: ScannedText, language: String, atStart: Bool, _ body: (Int) -> Void) {
        for start in scanned.tokens.indices {
            if atStart && start > 0 { break }
            let token = scanned.tokens[start]
            if token.flags.contains(.symbol) { continue }
            if let candidates = wordTable[token.hash] { collect(candidates, scanned, start, language, body) }
            guard prefixLengths != 0, token.foldCount >= 3 else { continue }
            var hasher = WordHasher()
            let first = Int(token.foldStart)
            // No stem is longer than the longest length bit set: the prefix hash need not run further.
            let longest = min(Int(token.foldCount), 31 - prefixLengths.leadingZeroBitCount)
            guard longest >= 3 else { continue }
            for offset in first..<(first + 3) { hasher.add(scanned.folded[offset]) }
            guard headTable[hasher.value] != nil else { continue }
            for length in 3...longest {
                if length > 3 { hasher.add(scanned.folded[first + length - 1]) }
                if prefixLengths & (1 << UInt32(length)) != 0, let candidates = prefixTable[hasher.value] {
                    collect(candidates, scanned, start, language, body)
                }
            }
        }
    }

    private static func span(of indexes: [Int], in candidates: inout [Int]) -> Span {
        defer { candidates += indexes }
        return Span(start: Int32(candidates.count), count: Int32(indexes.count))
    }

    private func collect(_ span: Span, _ scanned: ScannedText, _ start: Int, _ language: String,
                         _ body: (Int) -> Void) {
        let first = Int(span.start)
        for index in candidates[first..<(first + Int(span.count))] {
            let pattern = patterns[index]
            if let wanted = pattern.language, wanted != language, language != "other" { continue }
            if pattern.matches(scanned, at: start) { body(index) }
        }
    }
}
