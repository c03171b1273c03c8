extension Crisis {
    /// The usual share of negative mentions in a scope, and how surprising a window's negatives are against it.
    ///
    /// Binomial: with `n` mentions and usual share `p`, negatives are expected at `n p` give or take
    /// `sqrt(n p (1 - p))`. A jump in share shows even when total volume is normal. The share is an exponentially
    /// weighted ratio of sums, seeded with a modest prior so a young scope is not jumpy.
    struct NegativeShare: Sendable, Codable, Hashable {
        static let priorShare = 0.2
        static let priorWeight = 20.0

        var negatives = NegativeShare.priorShare * NegativeShare.priorWeight
        var total = NegativeShare.priorWeight

        struct Reading: Sendable, Hashable {
            var negatives: Int
            var total: Int
            var score: Double
            var expected: Double
            var spread: Double
            var windowBuckets: Int

            func count(atScore score: Double) -> Double { expected + score * spread }
        }

        var share: Double { min(max(negatives / max(total, 1e-9), 0.02), 0.98) }

        /// Scores the window's negatives, then learns the share from this bucket alone.
        mutating func observe(windowNegatives: Int, windowTotal: Int, windowBuckets: Int, bucketNegatives: Int,
                              bucketTotal: Int, decay: Double) -> Reading {
            let p = share
            let expected = Double(windowTotal) * p
            let spread = max((expected * (1 - p)).squareRoot(), 0.5)
            let reading = Reading(negatives: windowNegatives, total: windowTotal,
                                  score: (Double(windowNegatives) - expected) / spread,
                                  expected: expected, spread: spread, windowBuckets: windowBuckets)
            negatives = negatives * decay + Double(bucketNegatives)
            total = total * decay + Double(bucketTotal)
            return reading
        }
    }
}
