/// Patterns indexed by their first word, so a post is matched in one pass: each token looks up the patterns
/// that can start with it (exact hash, or its prefixes of the lengths some stem has), then checks the rest.
struct PatternSet: Sendable {
    private var patterns: [PhrasePattern] = []
    private var byWord: [UInt64: [Int]] = [:]
    private var byPrefix: [UInt64: [Int]] = [:]
    private var prefixLengths: UInt32 = 0

    var isEmpty: Bool { patterns.isEmpty }

    mutating func add(_ pattern: PhrasePattern) {
        let index = patterns.count
        patterns.append(pattern)
        let first = pattern.words[0]
        if first.isPrefix {
            byPrefix[first.hash, default: []].append(index)
            prefixLengths |= 1 << UInt32(min(first.length, 31))
        } else {
            byWord[first.hash, default: []].append(index)
        }
    }

    /// The ids of the patterns found in `scanned` for `language`, each once, in rule order.
    func matches(in scanned: ScannedText, language: String) -> [String] {
        var found: [Int] = []
        for start in scanned.tokens.indices {
            let token = scanned.tokens[start]
            if token.flags.contains(.symbol) { continue }
            if let candidates = byWord[token.hash] { collect(candidates, scanned, start, language, &found) }
            guard prefixLengths != 0 else { continue }
            var length = 3
            while length <= min(Int(token.foldCount), 31) {
                if prefixLengths & (1 << UInt32(length)) != 0,
                   let candidates = byPrefix[scanned.prefixHash(token, count: length)] {
                    collect(candidates, scanned, start, language, &found)
                }
                length += 1
            }
        }
        var ids: [String] = []
        for index in found.sorted() where !ids.contains(patterns[index].id) { ids.append(patterns[index].id) }
        return ids
    }

    private func collect(_ candidates: [Int], _ scanned: ScannedText, _ start: Int, _ language: String,
                         _ found: inout [Int]) {
        for index in candidates where !found.contains(index) {
            let pattern = patterns[index]
            if let wanted = pattern.language, wanted != language, language != "other" { continue }
            if pattern.matches(scanned, at: start) { found.append(index) }
        }
    }
}
