/// A rule pattern such as "no me ha llegado" or "reembols*": words matched in order, each exactly or, when
/// written with a trailing `*`, as a prefix of the post's word. Folded like the lexicon (case, accents).
struct PhrasePattern: Sendable {
    struct Word: Sendable {
        var hash: UInt64
        var length: Int32
        var isPrefix: Bool
        /// Hash of the first three folded bytes (a stem has three at least): lets a set of patterns skip the
        /// words that start no stem of theirs.
        var head: UInt64
    }

    var id: String
    /// nil: any language.
    var language: String?
    var words: [Word]

    init(id: String, language: String?, text: String, scanner: TextScanner, file: String, line: Int)
        throws(RulesError) {
        self.id = id
        self.language = language
        var words: [Word] = []
        for piece in text.split(separator: " ") {
            let isPrefix = piece.hasSuffix("*")
            if piece == "*" { throw .badLine(file: file, line: line, reason: "'*' must end a word, not stand alone") }
            let scanned = scanner.scan(String(isPrefix ? piece.dropLast() : piece))
            for (offset, token) in scanned.tokens.enumerated() {
                let prefix = isPrefix && offset == scanned.tokens.count - 1
                let head = token.foldCount >= 3 ? scanned.prefixHash(token, count: 3) : token.hash
                words.append(Word(hash: token.hash, length: token.foldCount, isPrefix: prefix, head: head))
            }
        }
        guard !words.isEmpty else { throw .badLine(file: file, line: line, reason: "pattern '\(text)' has no word") }
        if words.contains(where: { $0.isPrefix && $0.length < 3 }) {
            throw .badLine(file: file, line: line, reason: "a '*' stem needs 3 letters or more")
        }
        self.words = words
    }

    /// Whether the words from `start` on match this pattern. Emoji and emoticons between the words are passed
    /// over ("still :( waiting" is "still waiting"): they colour a phrase, they do not break it.
    func matches(_ scanned: ScannedText, at start: Int) -> Bool {
        guard start + words.count <= scanned.tokens.count else { return false }
        var index = start
        for word in words {
            while index > start, index < scanned.tokens.count, scanned.tokens[index].flags.contains(.symbol) {
                index += 1
            }
            guard index < scanned.tokens.count, Self.matches(word, scanned, scanned.tokens[index]) else { return false }
            index += 1
        }
        return true
    }

    static func matches(_ word: Word, _ scanned: ScannedText, _ token: Token) -> Bool {
        if token.flags.contains(.symbol) { return false }
        if !word.isPrefix { return token.hash == word.hash }
        return token.foldCount >= word.length && scanned.prefixHash(token, count: Int(word.length)) == word.hash
    }
}
