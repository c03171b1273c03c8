/// The shop's answers to the questions customers ask, one file per language (feeds/faq.<lang>.txt):
///
///     # comment
///     ? envi* canarias | envi* islas
///     = Sí, enviamos a Canarias; el envío tarda de 10 a 12 días laborables.
///
/// `?` lines hold question patterns separated by `|`; a pattern matches when the post has all its words, in any
/// order (a word ending in `*` matches the words starting so; case and accents do not matter, as in the rule
/// files). The `=` line after them is the answer. The first entry with a matching pattern answers; a question
/// none answers gets the `unanswered` reply ("we'll find out and write back").
package struct FAQ: Sendable, Hashable {
    struct Word: Sendable, Hashable {
        var hash: UInt64
        var length: Int
        var isPrefix: Bool
    }

    struct Entry: Sendable, Hashable {
        /// Each pattern: words that must all appear.
        var patterns: [[Word]]
        var answer: String
    }

    var entries: [Entry] = []

    package init() {}

    package var isEmpty: Bool { entries.isEmpty }

    /// Parses one language's file. `file` is used in errors.
    package static func parse(_ text: String, file: String) throws(TaskError) -> FAQ {
        let scanner = Self.scanner
        var faq = FAQ()
        var patterns: [[Word]] = []
        var patternLine = 0
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
            switch line.first {
            case "?":
                for piece in body.split(separator: "|") {
                    let words = Self.words(of: piece, scanner: scanner)
                    guard !words.isEmpty, words.allSatisfy({ !$0.isPrefix || $0.length >= 3 }) else {
                        throw .invalidTemplate(file: file, line: index + 1, reason: "pattern '\(piece)' needs words ('*' stems of 3 letters or more)")
                    }
                    patterns.append(words)
                }
                patternLine = index + 1
            case "=":
                guard !patterns.isEmpty else {
                    throw .invalidTemplate(file: file, line: index + 1, reason: "an answer ('=') needs question patterns ('?') before it")
                }
                guard !body.isEmpty else { throw .invalidTemplate(file: file, line: index + 1, reason: "empty answer") }
                try ReplyTemplates.check(body, file: file, line: index + 1)
                faq.entries.append(Entry(patterns: patterns, answer: body))
                patterns = []
            default:
                throw .invalidTemplate(file: file, line: index + 1, reason: "a line starts with '?' (question patterns), '=' (the answer) or '#'")
            }
        }
        if !patterns.isEmpty {
            throw .invalidTemplate(file: file, line: patternLine, reason: "question patterns without an answer ('=') after them")
        }
        return faq
    }

    /// The answer of the first entry one of whose patterns the post matches.
    package func answer(for text: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let scanned = Self.scanner.scan(text)
        var exact: Set<UInt64> = []
        for token in scanned.tokens where !token.flags.contains(.symbol) { exact.insert(token.hash) }
        func has(_ word: Word) -> Bool {
            if !word.isPrefix { return exact.contains(word.hash) }
            return scanned.tokens.contains { token in
                !token.flags.contains(.symbol) && Int(token.foldCount) >= word.length
                    && scanned.prefixHash(token, count: word.length) == word.hash
            }
        }
        return entries.first { $0.patterns.contains { $0.allSatisfy(has) } }?.answer
    }

    private static func words(of pattern: Substring, scanner: TextScanner) -> [Word] {
        var words: [Word] = []
        for piece in pattern.split(separator: " ") {
            let isPrefix = piece.hasSuffix("*")
            let scanned = scanner.scan(String(isPrefix ? piece.dropLast() : piece))
            for (offset, token) in scanned.tokens.enumerated() where !token.flags.contains(.symbol) {
                words.append(Word(hash: token.hash, length: Int(token.foldCount),
                                  isPrefix: isPrefix && offset == scanned.tokens.count - 1))
            }
        }
        return words
    }

    /// Folds words as the rule files do (no emoticons: FAQ words are words).
    private static let scanner = TextScanner(emoticons: [], longestEmoticon: 2)
}
