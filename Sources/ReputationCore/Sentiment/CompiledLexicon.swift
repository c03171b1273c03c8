/// A language's lexicon frozen for scoring: lookups by hash without rehashing, shared by reference so the
/// scorer hands it around without copying (immutable, hence truly `Sendable`).
final class CompiledLexicon: Sendable {
    let code: String
    let entries: KeyTable<LexiconEntry>
    let stems: KeyTable<Float>
    /// Bit n set when some stem is n bytes long, so only those prefix lengths are tried.
    let stemLengths: UInt32
    /// The stems' first three bytes (every stem has three at least).
    let stemHeads: StemHeads
    /// Hashes of the leading words (two or more) of longer expressions.
    let expressionHeads: KeyTable<Bool>
    /// Hashes of the first two words of every expression.
    let expressionPairs: KeyTable<Bool>

    init(_ lexicon: LanguageLexicon) {
        code = lexicon.code
        entries = KeyTable(lexicon.entries)
        stems = KeyTable(lexicon.stems)
        stemLengths = lexicon.stemLengths
        stemHeads = StemHeads(lexicon.stemHeads)
        expressionHeads = KeyTable(Dictionary(uniqueKeysWithValues: lexicon.expressionHeads.map { ($0, true) }))
        expressionPairs = KeyTable(Dictionary(uniqueKeysWithValues: lexicon.expressionPairs.map { ($0, true) }))
    }
}
