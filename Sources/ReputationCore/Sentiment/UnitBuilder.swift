/// Groups tokens into scoring units: the longest known expression at each position, else the word found in
/// the post's language, else in the other language (mixed posts: "estoy muy sad"), else by stem, elongation
/// ("buenooo") or laughter shape ("jajajaja").
struct UnitBuilder {
    /// The post's lexicon (`primary`), the other one (`secondary`) and the symbols.
    let order: LexiconOrder
    /// Whether words missing from the primary lexicon may be looked up in the other one (mixed posts).
    /// Not for every post: many Spanish words are English lexicon words with another meaning ("tia", "ha").
    let mixed: Bool

    /// "jaja": the lexicon key every laughter spelling is mapped to.
    private static let laughterHash = WordHasher.hash("jaja".utf8)

    /// Fills `units` (emptied first, its capacity kept) with the units of `scanned`; `memo` answers for words
    /// met before (when it is active) and learns the others, under `tag` (which lexicons answer: `WordMemo.tag`).
    func units(of scanned: ScannedText, into units: inout [ScoringUnit], memo: inout WordMemo, tag: UInt8) {
        units.removeAll(keepingCapacity: true)
        units.reserveCapacity(scanned.tokens.count)
        var index = 0
        while index < scanned.tokens.count {
            let token = scanned.tokens[index]
            var unit = ScoringUnit(first: Int32(index), last: Int32(index), termFirst: Int32(index))
            unit.clauseStart = token.flags.contains(.clauseStart)
            unit.inQuestion = token.flags.contains(.inQuestion)
            if token.flags.contains(.symbol) {
                unit.isSymbol = true
                if let symbol = order.symbols[token.hash] {
                    unit.valence = symbol.valence
                    unit.role = symbol.isSarcasm ? .sarcasm : .none
                }
                units.append(unit)
                index += 1
                continue
            }
            unit.allCaps = token.flags.contains(.allCaps)
            unit.elongated = token.flags.contains(.elongated)
            // An elongated word's hash is that of its cut form, shared with a word written so ("buenoo"), but
            // its fallback differs (it is also tried collapsed): it is never memoised.
            let memoised = memo.isActive && !unit.elongated
            let word: WordLookup
            if memoised, let known = memo.lookup(token.hash, tag: tag) {
                assert(known.sameAnswer(as: lookUpWord(scanned, token)), "word memo answered unlike the lexicons")
                word = known
            } else {
                word = lookUpWord(scanned, token)
                if memoised { memo.store(word, for: token.hash, tag: tag) }
            }
            let length = resolve(word, scanned, at: index, into: &unit)
            unit.last = Int32(index + length - 1)
            units.append(unit)
            index += length
        }
    }

    /// Fills `unit` from the longest expression at `index` or else from what the word says alone, in the order
    /// of lookup: primary expression, primary word, secondary expression, secondary word, fallback. Returns
    /// the number of tokens the unit covers.
    @inline(__always)
    private func resolve(_ word: WordLookup, _ scanned: ScannedText, at index: Int,
                         into unit: inout ScoringUnit) -> Int {
        if word.primaryLongest > 1, startsPair(scanned, at: index, in: order.primary),
           let (entry, length) = expression(scanned, at: index, in: order.primary,
                                            longest: Int(word.primaryLongest)) {
            unit.take(entry)
            return length
        }
        if !word.fromPrimary && mixed && word.secondaryLongest > 1,
           startsPair(scanned, at: index, in: order.secondary),
           let (entry, length) = expression(scanned, at: index, in: order.secondary,
                                            longest: Int(word.secondaryLongest)) {
            unit.take(entry)
            return length
        }
        unit.valence = word.valence.isNaN ? nil : word.valence
        unit.booster = word.booster
        unit.role = word.role
        return 1
    }

    /// Whether the words at `index` and after it are the first two of some expression of `lexicon`: without
    /// that, `expression` finds nothing (one lookup here instead of its two, and no call).
    @inline(__always)
    private func startsPair(_ scanned: ScannedText, at index: Int, in lexicon: CompiledLexicon) -> Bool {
        guard index + 1 < scanned.tokens.count else { return false }
        let next = scanned.tokens[index + 1]
        return !next.flags.contains(.symbol)
            && lexicon.expressionPairs[FNV.join(scanned.tokens[index].hash, next.hash)] != nil
    }

    /// What the lexicons say of the word of `token` on its own (`WordLookup`).
    @inline(__always)
    private func lookUpWord(_ scanned: ScannedText, _ token: Token) -> WordLookup {
        var word = WordLookup()
        if let entry = order.primary.entries[token.hash] {
            word.primaryLongest = entry.longestExpression
            if Self.isUsable(entry) {
                word.take(entry)
                word.fromPrimary = true
                return word
            }
        }
        if mixed, let entry = order.secondary.entries[token.hash] {
            word.secondaryLongest = entry.longestExpression
            if Self.isUsable(entry) {
                word.take(entry)
                return word
            }
        }
        word.valence = fallbackValence(scanned, token) ?? .nan
        return word
    }

    /// An entry that says something of the word itself (not only that expressions start with it).
    @inline(__always)
    private static func isUsable(_ entry: LexiconEntry) -> Bool {
        entry.valence != nil || entry.booster != 0 || entry.role != .none
    }

    private func expression(_ scanned: ScannedText, at index: Int, in lexicon: CompiledLexicon,
                            longest: Int) -> (LexiconEntry, Int)? {
        // One pass: the expression key grows a word at a time from the words' hashes (`FNV.join`); the longest
        // match wins, and the words read so far must start some longer expression for the search to go on.
        let last = min(longest, scanned.tokens.count - index)
        guard last >= 2 else { return nil }
        var hash = scanned.tokens[index].hash
        var found: (LexiconEntry, Int)?
        for count in 2...last {
            let token = scanned.tokens[index + count - 1]
            if token.flags.contains(.symbol) { break }
            hash = FNV.join(hash, token.hash)
            if let entry = lexicon.entries[hash] { found = (entry, count) }
            if count < last && lexicon.expressionHeads[hash] == nil { break }
        }
        return found
    }

    @inline(__always)
    private func fallbackValence(_ scanned: ScannedText, _ token: Token) -> Float? {
        guard token.foldCount > 0, token.flags.contains(.hasLetter) else { return nil }
        if let valence = stemValence(scanned, token, in: order.primary) { return valence }
        if token.flags.contains(.elongated) {
            let collapsed = scanned.collapsedHash(token)
            if let valence = order.primary.entries[collapsed]?.valence
                ?? (mixed ? order.secondary.entries[collapsed]?.valence : nil) {
                return valence
            }
        }
        if isLaughter(scanned, token) { return order.primary.entries[Self.laughterHash]?.valence }
        return mixed ? stemValence(scanned, token, in: order.secondary) : nil
    }

    @inline(__always)
    private func stemValence(_ scanned: ScannedText, _ token: Token, in lexicon: CompiledLexicon) -> Float? {
        // One pass over the folded bytes: the hasher gives the hash of the prefix read so far, so the longest
        // stem found wins. Stems have three bytes at least, and a word whose first three match no stem's (most
        // words) is done with after one test.
        guard lexicon.stemLengths != 0 else { return nil }
        let start = Int(token.foldStart)
        let longest = min(Int(token.foldCount), 31 - lexicon.stemLengths.leadingZeroBitCount)
        guard longest >= 3 else { return nil }
        let (first, second, third) = (scanned.folded[start], scanned.folded[start + 1], scanned.folded[start + 2])
        guard lexicon.stemHeads.contains(first, second, third) else { return nil }
        var hasher = WordHasher()
        hasher.add(first)
        hasher.add(second)
        hasher.add(third)
        var found: Float?
        for length in 3...longest {
            if length > 3 { hasher.add(scanned.folded[start + length - 1]) }
            if lexicon.stemLengths & (1 << UInt32(length)) != 0, let valence = lexicon.stems[hasher.value] {
                found = valence
            }
        }
        return found
    }

    /// "jajaja", "JAJAJ", "jejeje", "hahaha", "jsjsjs": only laugh letters, at least two j/h.
    @inline(__always)
    private func isLaughter(_ scanned: ScannedText, _ token: Token) -> Bool {
        guard token.foldCount >= 4 else { return false }
        var laughs = 0
        let start = Int(token.foldStart)
        for index in start..<(start + Int(token.foldCount)) {
            switch scanned.folded[index] {
            case 0x6A, 0x68: laughs += 1  // j h
            case 0x61, 0x65, 0x69, 0x73: break  // a e i s
            default: return false
            }
        }
        return laughs >= 2
    }
}

extension ScoringUnit {
    @inline(__always)
    mutating func take(_ entry: LexiconEntry) {
        valence = entry.valence
        booster = entry.booster
        role = entry.role
    }
}
