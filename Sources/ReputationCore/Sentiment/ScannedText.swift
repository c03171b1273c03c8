/// A post cut into tokens, with the counts the scorer needs (exclamations, Spanish-only marks, caps).
struct ScannedText {
    var tokens: [Token] = []
    /// Folded bytes of all word tokens, back to back; tokens point into it.
    var folded: [UInt8] = []
    /// The scanner's working buffer for tokens (as many as the longest post scanned had bytes), kept so its
    /// memory is reused from post to post; `tokens` is what it found.
    var tokenBuffer: [Token] = []
    var exclamations = 0
    var questions = 0
    /// Characters only Spanish uses among our languages: ñ, ¿, ¡, á é í ó ú.
    var spanishMarks = 0
    var wordCount = 0
    var capsWordCount = 0
    /// URLs and @handles, skipped as words but counted: a link to an article, a post addressed to someone.
    var links = 0
    var handles = 0

    /// Empties the tokens and counts, keeping the buffers' capacity for the next post.
    mutating func reset() {
        tokens.removeAll(keepingCapacity: true)
        exclamations = 0
        questions = 0
        spanishMarks = 0
        wordCount = 0
        capsWordCount = 0
        links = 0
        handles = 0
    }

    /// Hash of the folded bytes of `token` cut to its first `count` bytes (prefix lookups for stems).
    func prefixHash(_ token: Token, count: Int) -> UInt64 {
        var hasher = WordHasher()
        let start = Int(token.foldStart)
        for index in start..<(start + count) { hasher.add(folded[index]) }
        return hasher.value
    }

    /// Hash of the folded form with every doubled letter collapsed: the second guess for elongated words
    /// ("malisimoo" → "malisimo", "sii" → "si").
    func collapsedHash(_ token: Token) -> UInt64 {
        var hasher = WordHasher()
        var last: UInt8 = 0
        let start = Int(token.foldStart)
        for index in start..<(start + Int(token.foldCount)) {
            let byte = folded[index]
            if byte == last && byte >= 0x61 { continue }
            hasher.add(byte)
            last = byte
        }
        return hasher.value
    }
}
