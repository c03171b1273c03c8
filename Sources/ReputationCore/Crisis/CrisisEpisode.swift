extension Crisis {
    /// The hysteresis of one scope: an episode starts at the first level raised, escalates only upwards, and
    /// ends after a run of calm buckets. A volume surge that reached warning or crisis is followed by a cool-down
    /// (refractory period) in which nothing new starts, so one incident is one alert. An episode raised only by
    /// an influencer's post or a negative share is followed by a lighter cool-down that silences those signals
    /// (no flapping) but not volume: it must not mask a surge that follows.
    struct Episode: Sendable, Codable, Hashable {
        /// The current level, `nil` between episodes.
        var level: Level?
        var calmBuckets = 0
        var cooldownBuckets = 0
        /// Cool-down for influencer and negative-share signals only.
        var quietBuckets = 0
        /// Whether a volume surge raised this episode to warning or above (so its end starts a cool-down).
        var surged = false

        /// Feeds one closed bucket: the level its signals ask for (`nil`: none) and whether all were calm.
        /// Returns the transition, if any: the event kind and its level.
        mutating func step(asking asked: Level?, byVolume: Bool, calm: Bool, settings: CrisisSettings)
            -> (Event.Kind, Level)?
        {
            if cooldownBuckets > 0 { cooldownBuckets -= 1 }
            if quietBuckets > 0 { quietBuckets -= 1 }
            guard let current = level else {
                guard let asked, cooldownBuckets == 0, byVolume || quietBuckets == 0 else { return nil }
                level = asked
                calmBuckets = 0
                surged = byVolume && asked >= .warning
                return (.started, asked)
            }
            var transition: (Event.Kind, Level)?
            if let asked, asked > current {
                level = asked
                surged = surged || (byVolume && asked >= .warning)
                transition = (.escalated, asked)
            }
            calmBuckets = calm ? calmBuckets + 1 : 0
            if calmBuckets >= max(settings.calmBucketsToEnd, 1), level != nil {
                return (.ended, finish(settings: settings))
            }
            return transition
        }

        /// Ends the episode (a calm run, or a confirmed new normal) and starts its cool-down. Returns the highest
        /// level it reached.
        mutating func finish(settings: CrisisSettings) -> Level {
            let reached = level ?? .watch
            level = nil
            calmBuckets = 0
            let refractory = Int((settings.cooldownHours * settings.bucketsPerHour).rounded())
            if surged {
                cooldownBuckets = refractory
            } else if reached >= .warning {
                quietBuckets = refractory
            }
            surged = false
            return reached
        }
    }
}
