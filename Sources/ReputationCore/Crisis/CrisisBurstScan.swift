extension Crisis.Series {
    /// The count since the burst began, at a trickle: of the windows that start at one of the last posts (within
    /// the longest window) and end with this bucket, the least likely one by its Poisson tail. A small shop's
    /// 6 posts in an hour are 4 posts in 35 minutes after half an hour; a fixed 2 h window would wait for the
    /// fifth or sixth (its expected count is four times larger), a fixed 30 min one may cut the first post off.
    ///
    /// Only where the window expects fewer than `burst_scan_mentions`: there a count is small and its tail says
    /// it all (the z-score's noise floor is shrunk, see `quiet_mentions`); at volume the fixed windows and their
    /// z-scores decide. Only when this bucket holds a post: a window ending in an empty bucket is less unusual
    /// than the same one ending with the last post, which was judged when that bucket closed. A window below
    /// `minimum_volume` is at most a watch, as for the fixed windows. A scope whose posts come in clusters is
    /// judged in clusters (see `Clustering`), so its ordinary clusters do not alarm; the z-score is no judge
    /// here (its noise floor is tiny at a trickle, so its recent peaks are single posts).
    /// O(longest window) at a trickle, O(1) at volume (the scan stops once the expected count passes the bar).
    func burst(bucketTotal: Int, settings: CrisisSettings) -> Crisis.Assessment? {
        let limit = settings.burstScanMentions
        guard limit > 0, bucketTotal > 0 else { return nil }
        var count = 0
        var negatives = 0
        var expected = 0.0
        var best: (count: Int, negatives: Int, expected: Double, buckets: Int, surprise: Double)?
        let clusters = clustering(settings)
        var slot = head
        for age in 1...min(recent.count, closed) {
            slot = slot == 0 ? recent.count - 1 : slot - 1
            expected += recentExpected[slot]
            if expected >= limit { break }
            guard recent[slot] > 0 else { continue }
            count += recent[slot]
            negatives += recentNegative[slot]
            let surprise = Crisis.Tail.surprise(count: count, expected: expected, clustering: clusters)
            if surprise > best?.surprise ?? 0 { best = (count, negatives, expected, age, surprise) }
        }
        guard let best else { return nil }
        return Crisis.Assessment.burst(count: best.count, negatives: best.negatives, expected: best.expected,
                                       minutes: best.buckets * settings.bucketMinutes, surprise: best.surprise,
                                       clustering: clusters, settings: settings)
    }
}
