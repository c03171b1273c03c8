import Foundation

extension Crisis {
    /// How clustered a scope's mentions are, learned online: the variance-to-mean factor of its bucket counts
    /// beyond Poisson's (`Σ count² / Σ count (1 + m)` over the buckets that hold mentions, `m` their expected
    /// count; Poisson noise gives 1). For mentions that come in clusters at a trickle this is the clusters' size
    /// (more exactly E[size²] / E[size]). Posts that come one by one (a small shop's customers) keep it at 1; a
    /// post with its replies or retweets, a thread, a bot posting in bursts of five, raise it. The tail odds then
    /// count clusters rather than mentions (quasi-Poisson: count and expectation divided by the factor), so a
    /// scope's ordinary clusters do not alarm while a surge of many clusters still does. Thinning to a tenth of
    /// the volume splits clusters, and the factor follows. Counts are clipped before they are learned, and buckets
    /// that ask for a warning or crisis, or fall in one, are not learned (`Series.close`), so a surge does not teach that surges are clusters.
    /// Constant memory: two numbers.
    ///
    /// (A negative binomial with a moment estimate of its overdispersion was tried first: at a trickle one cluster
    /// of three posts reads as an enormous α, and shrunk towards Poisson it no longer sees the clusters; on the DEV
    /// series it did not generalise.)
    struct Clustering: Sendable, Codable, Hashable {
        /// A bucket is learned at most at this many times the current cluster size, plus two mentions.
        static let clip = 3.0
        /// Weighted mentions of Poisson evidence every estimate starts from (a new scope is judged by Poisson).
        static let prior = 5.0
        /// Half-life in buckets that hold mentions (a small shop's two a day are a hundred days; a busy scope's
        /// half a day): how a scope's clustering is remembered.
        static let keep = CrisisSettings.decay(halfLifeBuckets: 200)

        var weightedSquares = 0.0
        var weightedPoisson = 0.0

        /// The cluster factor: at least 1.
        var factor: Double { max(1, (weightedSquares + Self.prior) / (weightedPoisson + Self.prior)) }

        /// Learns one closed bucket holding `count` where `expected` was expected. Empty buckets add nothing to
        /// either sum and are skipped.
        mutating func learn(_ count: Int, expected: Double) {
            guard count > 0 else { return }
            let learned = min(Double(count), Self.clip * factor * (1 + expected) + 2)
            weightedSquares = Self.keep * weightedSquares + learned * learned
            weightedPoisson = Self.keep * weightedPoisson + learned * (1 + expected)
        }
    }
}
