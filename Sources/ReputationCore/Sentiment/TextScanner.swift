/// Cuts a post into tokens in one pass over its UTF-8 bytes: no regex, no `Character` iteration.
///
/// Words are folded as they are read (lowercase, Latin-1 accents stripped, ñ → n, runs of three or more equal
/// letters cut to two), @mentions and URLs are skipped (they name, they don't judge), a hashtag's word is kept,
/// emoji become one token each and emoticons (":-(", "¬¬", "<3") are matched against the symbol table.
struct TextScanner: Sendable {
    /// Hashes of the emoticons in the symbol table, and the longest one in bytes. A `KeyTable` rather than a
    /// `Set`: it is probed at every punctuation byte, and a `Set` runs SipHash on each probe.
    private let emoticons: KeyTable<Bool>
    let longestEmoticon: Int

    init(emoticons: Set<UInt64>, longestEmoticon: Int) {
        self.emoticons = KeyTable(Dictionary(uniqueKeysWithValues: emoticons.map { ($0, true) }))
        self.longestEmoticon = longestEmoticon
    }

    func scan(_ text: String) -> ScannedText {
        var text = text
        return text.withUTF8 { scan(bytes: $0) }
    }

    func scan(bytes: UnsafeBufferPointer<UInt8>) -> ScannedText {
        var state = ScannedText()
        scan(bytes: bytes, into: &state)
        return state
    }

    /// Scans into `state`, reusing its buffers (their capacity stays from post to post).
    func scan(bytes: UnsafeBufferPointer<UInt8>, into state: inout ScannedText) {
        state.reset()
        // Folding never lengthens a word, so the folded text fits in as many bytes as the post; writing through
        // a pointer spares an append (and its uniqueness check) per byte. The buffer is taken out of `state`
        // while written, so both can be mutated at once.
        var folded = state.folded
        state.folded = []
        if folded.count < bytes.count { folded = [UInt8](repeating: 0, count: max(bytes.count, 2 * folded.count)) }
        // The tokens too: every token takes one byte of the post at least, so they fit in a buffer of as many
        // tokens as the post has bytes. Written through a pointer (an append checks the array's uniqueness and
        // capacity, outlined, for every token), then copied to `state.tokens` in one go.
        var buffer = state.tokenBuffer
        state.tokenBuffer = []
        if buffer.count < bytes.count {
            buffer = [Token](repeating: Token(hash: 0, foldStart: 0, foldCount: 0, rawStart: 0, rawEnd: 0,
                                              flags: Token.Flags(rawValue: 0)),
                             count: max(bytes.count, 2 * buffer.count))
        }
        folded.withUnsafeMutableBufferPointer { output in
            buffer.withUnsafeMutableBufferPointer { tokens in
                var writer = TokenWriter(base: tokens)
                scan(bytes, into: &state, tokens: &writer, folded: output)
                // Copied from the pointer: a slice of `buffer` would retain and release it.
                state.tokens.append(contentsOf: UnsafeBufferPointer(rebasing: tokens[..<writer.count]))
            }
        }
        state.folded = folded
        state.tokenBuffer = buffer
    }

    /// Appends tokens to a buffer known to be large enough (one token per byte of the post).
    private struct TokenWriter {
        let base: UnsafeMutableBufferPointer<Token>
        var count = 0

        @inline(__always)
        mutating func append(_ token: Token) {
            base[count] = token
            count &+= 1
        }

        @inline(__always)
        func markQuestion(from start: Int) {
            for index in start..<count { base[index].flags.insert(.inQuestion) }
        }
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into state: inout ScannedText,
                      tokens: inout TokenWriter, folded output: UnsafeMutableBufferPointer<UInt8>) {
        var written = 0
        var index = 0
        var clauseStart = true
        var hashtag = false
        var sentenceStart = 0
        var spanishQuestion = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if Self.isWordByte(byte) {
                    let lowered = byte | 0x20
                    if (lowered == 0x68 || lowered == 0x77) && Self.isURL(bytes, at: index) {  // h, w
                        state.links += 1
                        index = Self.skipNonSpace(bytes, from: index)
                        continue
                    }
                    let token = Self.shortWord(bytes, at: index, into: &state, output, &written,
                                               clauseStart: clauseStart, hashtag: hashtag)
                        ?? scanWord(bytes, from: index, into: &state, output, &written, clauseStart: clauseStart,
                                    hashtag: hashtag)
                    tokens.append(token)
                    index = Int(token.rawEnd)
                    clauseStart = false
                    hashtag = false
                    continue
                }
                if byte == 0x20 || byte == 0x0A {
                    index += 1
                    continue
                }
                // An emoticon starts a chunk: punctuation after a word ("bien,") is told so without a call.
                if index == 0 || Self.isSpace(bytes[index &- 1]),
                   let (token, end) = matchEmoticon(bytes, at: index, clauseStart: clauseStart) {
                    tokens.append(token)
                    index = end
                    clauseStart = false
                    continue
                }
                switch byte {
                case 0x40:  // @mention: skip the handle
                    state.handles += 1
                    index = Self.skipHandle(bytes, from: index + 1)
                    continue
                case 0x23:  // #hashtag
                    hashtag = true
                case 0x21:  // !
                    state.exclamations += 1
                    clauseStart = true
                    sentenceStart = Self.endSentence(&tokens, from: sentenceStart, question: spanishQuestion)
                    spanishQuestion = false
                case 0x3F:  // ?
                    state.questions += 1
                    clauseStart = true
                    sentenceStart = Self.endSentence(&tokens, from: sentenceStart, question: true)
                    spanishQuestion = false
                case 0x2E:  // .
                    clauseStart = true
                    sentenceStart = Self.endSentence(&tokens, from: sentenceStart, question: spanishQuestion)
                    spanishQuestion = false
                case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x22, 0x5B, 0x5D, 0x2F, 0x7C:  // , ; : ( ) " [ ] / |
                    clauseStart = true
                case 0x26:  // &amp; &quot; ... as posted in HTML-escaped feeds
                    index = Self.skipEntity(bytes, from: index)
                    continue
                default:
                    break
                }
                index += 1
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            if Self.foldedLetter(scalar) != 0 || Self.isOtherLetter(scalar) {
                let token = scanWord(bytes, from: index, into: &state, output, &written, clauseStart: clauseStart,
                                     hashtag: hashtag)
                tokens.append(token)
                index = Int(token.rawEnd)
                clauseStart = false
                hashtag = false
                continue
            }
            if scalar == 0xAC, let (token, end) = matchEmoticon(bytes, at: index, clauseStart: clauseStart) {
                tokens.append(token)
                index = end  // ¬¬
                clauseStart = false
                continue
            }
            if scalar == 0xBF || scalar == 0xA1 {  // ¿ ¡ open a clause and give the language away
                state.spanishMarks += 1
                if scalar == 0xBF {
                    state.questions += 1
                    sentenceStart = Self.endSentence(&tokens, from: sentenceStart, question: false)
                    spanishQuestion = true
                }
                clauseStart = true
            } else if Self.isEmoji(scalar) {
                let hash = FNV.hash(UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                tokens.append(Token(hash: hash, foldStart: 0, foldCount: 0, rawStart: Int32(index),
                                          rawEnd: Int32(index + length), flags: Self.symbolFlags(clauseStart)))
                clauseStart = false
            } else if (0x2013...0x2014).contains(scalar) || scalar == 0x2026 || (0x201C...0x201D).contains(scalar) {
                clauseStart = true  // – — … “ ”
            }
            index += length
        }
        if spanishQuestion { _ = Self.endSentence(&tokens, from: sentenceStart, question: true) }
    }

    /// Closes the sentence running from token `start`, marking its tokens when it is a question; returns where
    /// the next sentence starts.
    @inline(__always)
    private static func endSentence(_ tokens: inout TokenWriter, from start: Int, question: Bool) -> Int {
        if question { tokens.markQuestion(from: start) }
        return tokens.count
    }

    // MARK: words

    /// Reads one word from `start`, folding it into `output` after `written`; the token's `rawEnd` is where
    /// scanning goes on. The counters live in locals and go
    /// back to `state` once at the end: this loop runs for every byte of every word, and values kept in
    /// registers (not re-read through `state` and `written`) make it about a third shorter.
    private func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into state: inout ScannedText,
                          _ output: UnsafeMutableBufferPointer<UInt8>, _ written: inout Int,
                          clauseStart: Bool, hashtag: Bool) -> Token {
        let count = bytes.count
        let foldStart = written
        var cursor = written
        var index = start
        var hasher = WordHasher()
        var upper = 0
        var lower = 0
        var marks = 0
        var last: UInt8 = 0
        var run = 0
        var elongated = false
        // Plain ASCII a chunk of eight bytes at a time while eight bytes are there to read; the byte loop below
        // goes on where a chunk stops (at the word's end it stops at once).
        if let base = bytes.baseAddress, let out = output.baseAddress {
            // Folding never lengthens a word, so the output is never ahead of the input: eight bytes written at
            // `cursor` fit where eight were read.
            while index &+ 8 <= count {
                let chunk = WordChunk(at: UnsafeRawPointer(base + index))
                guard chunk.count > 0, !chunk.hasTriple,
                      !(last >= 0x61 && UInt8(truncatingIfNeeded: chunk.folded) == last) else { break }
                UnsafeMutableRawPointer(out + cursor).storeBytes(of: chunk.folded.littleEndian, as: UInt64.self)
                cursor &+= chunk.count
                index &+= chunk.count
                hasher.add(chunk: chunk.folded, byteCount: chunk.count)
                // Only "none", "one" and "two or more" of each case matter (`hasLetter`, `allCaps`), so each chunk
                // adds at most two: no bit count (POPCNT is not in the baseline x86-64 instruction set).
                upper &+= Self.oneOrTwo(chunk.upper)
                lower &+= Self.oneOrTwo(chunk.lower)
                (last, run) = chunk.tail
                if chunk.count < 8 { break }
            }
        }
        while index < count {
            let byte = bytes[index]
            var folded: UInt8
            if byte &- 0x61 < 26 {
                folded = byte
                lower &+= 1
                index &+= 1
            } else if byte < 0x80 {
                if byte &- 0x41 < 26 {
                    folded = byte | 0x20
                    upper &+= 1
                } else if byte &- 0x30 < 10 {
                    folded = byte
                } else if byte == 0x27 && index > start && Self.negationFollows(bytes, at: index + 1) {
                    index &+= 1  // don't → dont: the apostrophe is dropped, so both spellings meet
                    continue
                } else {
                    break
                }
                index &+= 1
            } else {
                let (scalar, length) = Self.decode(bytes, at: index)
                let letter = Self.foldedLetter(scalar)
                if letter != 0 {
                    folded = letter
                    if scalar < 0xE0 { upper &+= 1 } else { lower &+= 1 }
                    if Self.isSpanishMark(scalar) { marks &+= 1 }
                    index &+= length
                } else if scalar == 0x2019 && index > start && Self.negationFollows(bytes, at: index + length) {
                    index &+= length
                    continue
                } else if Self.isOtherLetter(scalar) {
                    for offset in 0..<length {
                        output[cursor] = bytes[index + offset]
                        cursor &+= 1
                        hasher.add(bytes[index + offset])
                    }
                    lower &+= 1
                    last = 0
                    index &+= length
                    continue
                } else {
                    break
                }
            }
            if folded == last && folded >= 0x61 {
                run &+= 1
                if run >= 3 {
                    elongated = true
                    continue
                }
            } else {
                run = 1
                last = folded
            }
            output[cursor] = folded
            cursor &+= 1
            hasher.add(folded)
        }
        written = cursor
        state.spanishMarks += marks
        let flags = Self.wordFlags(clauseStart: clauseStart, hashtag: hashtag, elongated: elongated, upper: upper,
                                   lower: lower, into: &state)
        return Token(hash: hasher.value, foldStart: Int32(foldStart), foldCount: Int32(cursor - foldStart),
                     rawStart: Int32(start), rawEnd: Int32(index), flags: flags)
    }

    /// A word's flags from where it stands and its letters (`upper`, `lower`: how many of each case, or any
    /// count that is 0, 1 and 2-or-more alike), counting it among the post's words and shouted words.
    @inline(__always)
    private static func wordFlags(clauseStart: Bool, hashtag: Bool, elongated: Bool, upper: Int, lower: Int,
                                  into state: inout ScannedText) -> Token.Flags {
        // Built from a raw value: an empty array literal here cost a call to swift_release per word.
        var flags = Token.Flags(rawValue: 0)
        if clauseStart { flags.insert(.clauseStart) }
        if hashtag { flags.insert(.hashtag) }
        if elongated { flags.insert(.elongated) }
        if upper + lower > 0 {
            flags.insert(.hasLetter)
            state.wordCount &+= 1
            if upper >= 2 && lower == 0 {
                flags.insert(.allCaps)
                state.capsWordCount &+= 1
            }
        }
        return flags
    }

    /// The most common word, read here without a call: up to seven plain ASCII letters or digits followed by an
    /// ASCII byte that ends it (not an apostrophe), no letter three times in a row. `nil` for any other word,
    /// which `scanWord` reads.
    @inline(__always)
    private static func shortWord(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, into state: inout ScannedText,
                                  _ output: UnsafeMutableBufferPointer<UInt8>, _ written: inout Int,
                                  clauseStart: Bool, hashtag: Bool) -> Token? {
        guard start &+ 8 <= bytes.count, let base = bytes.baseAddress, let out = output.baseAddress else { return nil }
        let chunk = WordChunk(at: UnsafeRawPointer(base + start))
        guard chunk.count < 8 else { return nil }
        let end = start &+ chunk.count
        guard bytes[end] < 0x80 && bytes[end] != 0x27 && !chunk.hasTriple else { return nil }
        // Folding never lengthens a word: eight bytes written at `written` fit where eight were read.
        UnsafeMutableRawPointer(out + written).storeBytes(of: chunk.folded.littleEndian, as: UInt64.self)
        var hasher = WordHasher()
        hasher.add(chunk: chunk.folded, byteCount: chunk.count)
        let flags = Self.wordFlags(clauseStart: clauseStart, hashtag: hashtag, elongated: false,
                                   upper: Self.oneOrTwo(chunk.upper), lower: Self.oneOrTwo(chunk.lower), into: &state)
        let token = Token(hash: hasher.value, foldStart: Int32(truncatingIfNeeded: written),
                          foldCount: Int32(truncatingIfNeeded: chunk.count), rawStart: Int32(truncatingIfNeeded: start),
                          rawEnd: Int32(truncatingIfNeeded: end), flags: flags)
        written &+= chunk.count
        return token
    }

    @inline(__always)
    private static func symbolFlags(_ clauseStart: Bool) -> Token.Flags {
        Token.Flags(rawValue: Token.Flags.symbol.rawValue | (clauseStart ? Token.Flags.clauseStart.rawValue : 0))
    }

    /// 0, 1, or 2 for two bits set or more.
    @inline(__always)
    private static func oneOrTwo(_ flags: UInt64) -> Int {
        (flags != 0 ? 1 : 0) &+ (flags & (flags &- 1) != 0 ? 1 : 0)
    }

    /// ñ Ñ á é í ó ú: letters only Spanish uses among our languages.
    @inline(__always)
    private static func isSpanishMark(_ scalar: UInt32) -> Bool {
        scalar == 0xF1 || scalar == 0xD1 || scalar == 0xE1 || scalar == 0xE9 || scalar == 0xED || scalar == 0xF3
            || scalar == 0xFA
    }

    // MARK: emoticons

    /// Matches the longest emoticon starting at `start` (at the start of a chunk); repeats of its last
    /// character (":)))") are absorbed.
    private func matchEmoticon(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int,
                               clauseStart: Bool) -> (Token, end: Int)? {
        if start > 0 && !Self.isSpace(bytes[start - 1]) { return nil }
        var hash = FNV.offset
        var matched = 0
        var matchedHash: UInt64 = 0
        var index = start
        while index < bytes.count && index - start < longestEmoticon && !Self.isSpace(bytes[index]) {
            hash = FNV.add(hash, bytes[index])
            index += 1
            if index - start >= 2 && emoticons[hash] != nil {
                matched = index
                matchedHash = hash
            }
        }
        guard matched > 0 else { return nil }
        let lastByte = bytes[matched - 1]
        var end = matched
        while end < bytes.count && bytes[end] == lastByte { end += 1 }
        let token = Token(hash: matchedHash,
                          foldStart: 0, foldCount: 0, rawStart: Int32(start), rawEnd: Int32(matched),
                          flags: Self.symbolFlags(clauseStart))
        return (token, end)
    }

    // MARK: byte classes

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// Only "n't" joins its word ("don't" → "dont"); other contractions split off ("he'll" → "he" "ll"), or
    /// they would fold into other words ("hell", "ill", "well", "shed").
    private static func negationFollows(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count, bytes[index] | 0x20 == 0x74 else { return false }  // t
        return index + 1 == bytes.count || !isWordByte(bytes[index + 1])
    }

    /// Latin-1 letters folded to lowercase ASCII (À…ÿ); 0 for anything else (× ÷). A switch rather than a table:
    /// a global table is initialised lazily, and that check ran on every accented letter.
    @inline(__always)
    static func foldedLetter(_ scalar: UInt32) -> UInt8 {
        guard scalar >= 0xC0 && scalar <= 0xFF else { return 0 }
        switch scalar & 0x1F {  // upper and lower case share the low five bits
        case 0...6: return 0x61  // À…Æ → a
        case 7: return 0x63  // Ç → c
        case 8...11: return 0x65  // È…Ë → e
        case 12...15: return 0x69  // Ì…Ï → i
        case 16: return 0x64  // Ð → d
        case 17: return 0x6E  // Ñ → n
        case 18...22, 24: return 0x6F  // Ò…Ö, Ø → o
        case 23: return 0  // × ÷
        case 25...28: return 0x75  // Ù…Ü → u
        case 29: return 0x79  // Ý → y
        case 30: return 0x74  // Þ → t
        default: return scalar == 0xDF ? 0x73 : 0x79  // ß → s, ÿ → y
        }
    }

    /// Letters of other scripts and Latin Extended: kept as they are, so they form words but match nothing.
    @inline(__always)
    static func isOtherLetter(_ scalar: UInt32) -> Bool {
        (scalar >= 0x100 && scalar <= 0x24F) || (scalar >= 0x370 && scalar <= 0x1FFF)
            || (scalar >= 0x3040 && scalar <= 0x9FFF) || (scalar >= 0xAC00 && scalar <= 0xD7AF)
    }

    @inline(__always)
    static func isEmoji(_ scalar: UInt32) -> Bool {
        (scalar >= 0x2190 && scalar <= 0x2BFF && scalar != 0x2019) || (scalar >= 0x1F000 && scalar <= 0x1FAFF
            && !(scalar >= 0x1F3FB && scalar <= 0x1F3FF))
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        func continuation(_ offset: Int) -> UInt32 {
            index + offset < bytes.count ? UInt32(bytes[index + offset] & 0x3F) : 0
        }
        if lead < 0xE0 { return ((UInt32(lead & 0x1F) << 6) | continuation(1), 2) }
        if lead < 0xF0 { return ((UInt32(lead & 0x0F) << 12) | (continuation(1) << 6) | continuation(2), 3) }
        return ((UInt32(lead & 0x07) << 18) | (continuation(1) << 12) | (continuation(2) << 6) | continuation(3), 4)
    }

    private static func isURL(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func lower(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] | 0x20 : 0 }
        if lower(0) == 0x68 && lower(1) == 0x74 && lower(2) == 0x74 && lower(3) == 0x70 {  // http
            return lower(4) == 0x3A || (lower(4) == 0x73 && lower(5) == 0x3A)
        }
        return lower(0) == 0x77 && lower(1) == 0x77 && lower(2) == 0x77 && index + 3 < bytes.count
            && bytes[index + 3] == 0x2E
    }

    private static func skipNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
        return index
    }

    private static func skipHandle(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isWordByte(bytes[index]) || bytes[index] == 0x5F || bytes[index] == 0x2E {
            index += 1
        }
        return index
    }

    /// Skips an HTML entity such as "&amp;" (up to 8 bytes ending in ';'); a lone '&' is skipped alone.
    private static func skipEntity(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count && index - start <= 8 && (isWordByte(bytes[index]) || bytes[index] == 0x23) {
            index += 1
        }
        return index < bytes.count && bytes[index] == 0x3B ? index + 1 : start + 1
    }
}
