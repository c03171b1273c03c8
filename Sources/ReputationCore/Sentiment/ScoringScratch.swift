/// Buffers reused from one post to the next when many posts are scored in a row (`vigia score`, the bench):
/// each post would otherwise allocate its token, folded-text and unit arrays afresh. A plain value owned by the
/// caller's loop, so nothing is shared between threads.
package struct ScoringScratch: Sendable {
    var scanned = ScannedText()
    var units: [ScoringUnit] = []
    /// Words met in the posts scored so far and what the lexicons said of them.
    var memo = WordMemo()

    package init() {}
}
