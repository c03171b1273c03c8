import Foundation
import ReputationCore

/// One `vigia poll` cycle: fetch → decode → dedupe → score → detect → file tasks → escalate → regenerate views.
///
/// Order matters for crash safety: mentions are appended to the log (fsync'd) before anything acts on them, and the
/// poll state (seen ids, feed validators, crisis detector, log checkpoint) is replaced atomically only after tasks
/// are filed. A run killed anywhere leaves either the old state (the next run re-processes the log tail, filing
/// idempotently) or the new one — never a lost or doubled mention.
public struct PollRun {
    public var configuration: Configuration
    public var alertsFolder: URL
    public var now: Date
    public var environment: [String: String]
    public var terminal: Terminal
    public var rules: PollRules
    /// Phase timings on stderr when `VIGIA_TIMINGS` is set.
    var clock: PhaseClock

    public init(configuration: Configuration, alertsFolder: URL, now: Date, environment: [String: String], terminal: Terminal, rules: PollRules) {
        self.configuration = configuration
        self.alertsFolder = alertsFolder
        self.now = now
        self.environment = environment
        self.terminal = terminal
        self.rules = rules
        clock = PhaseClock(environment: environment, terminal: terminal)
    }

    var stateURL: URL { alertsFolder.appendingPathComponent("state").appendingPathComponent("poll-state.json") }

    public func run() throws -> PollSummary {
        var clock = self.clock
        let lock = try RunLock(alertsFolder: alertsFolder, now: now)
        defer { withExtendedLifetime(lock) {} }
        let settings = configuration.settings
        for folder in ["", "state", "outbox"] { AtomicFile.removeStaleTemporaries(in: alertsFolder.appendingPathComponent(folder)) }
        var state = try PollState.load(from: stateURL, crisisSettings: settings.crisis)
        state.crisis.update(settings: settings.crisis)  // edits to monitor.json apply to a running detector
        let log = MentionLog(alertsFolder: alertsFolder)
        var summary = PollSummary()
        summary.feeds = configuration.feeds.count

        // Torn last lines from a killed run are settled here, by the lock holder alone, and said on stderr.
        let journalFile = JournalFile(url: alertsFolder.appendingPathComponent("journal.jsonl"))
        try journalFile.settleTail(JournalEvent.self, holding: lock).map { terminal.warn($0) }
        try log.settleTails(holding: lock).forEach { terminal.warn($0) }
        let recovered = try log.unprocessed(after: state.checkpoint)
        let recordsLaterSources = state.seenSources != nil
        var seenSources = state.seenSources ?? SeenMentions()
        let recordsEdits = state.seenTexts != nil
        var seenTexts = state.seenTexts ?? SeenMentions()
        state.seen.dateUndated(as: now)
        seenSources.dateUndated(as: now)
        seenTexts.dateUndated(as: now)
        for assessed in recovered.records {
            state.seen.insert(assessed.mention.id, postedAt: assessed.mention.postedAt)
            seenTexts.insert(MentionIdentity.textKey(assessed.mention), postedAt: assessed.mention.postedAt)
            for source in assessed.mention.sources {
                let pair = MentionSource.key(mention: assessed.mention.id, source: source)
                seenSources.insert(pair, postedAt: assessed.mention.postedAt)
            }
        }
        summary.recovered = recovered.records.count

        forgetFutureTimes(&state)
        clock.mark("state")
        let due = configuration.feeds.filter { (state.feeds[$0.id] ?? FeedState()).isDue(now: now) }
        // The journal and the report's mention files are read while the transfers are in flight (they take the
        // network's time, not the CPU's); nothing else writes them while the run lock is held (a person's
        // `vigia ack` waits for it), and the journal is still caught up before each use, reading only what was added.
        let reading = BackgroundWork { [alertsFolder, now] in
            PollReading(alertsFolder: alertsFolder, settings: settings, now: now)
        }
        var poller = FeedPoller(limits: settings.transferLimits, environment: environment)
        poller.stateFolder = stateURL.deletingLastPathComponent()
        poller.now = now
        let outcomes = poller.poll(due, states: state.feeds)
        clock.mark("fetch")
        let prior = reading.wait()
        clock.mark("reading")
        var legacyFeeds = Set(state.legacyIdentityFeeds ?? [])
        var intake = MentionIntake(
            rules: rules, now: now, recordsLaterSources: recordsLaterSources, recordsEdits: recordsEdits,
            legacyFeeds: legacyFeeds)
        for outcome in outcomes {
            count(outcome, into: &summary)
            report(outcome)
            let unseen = intake.take(outcome, seen: state.seen, seenSources: &seenSources, seenTexts: &seenTexts)
            if outcome.status == .ok { legacyFeeds.remove(outcome.feed.id) }
            var feedState = state.feeds[outcome.feed.id] ?? FeedState()
            FeedStateUpdate.apply(outcome, newItems: unseen, to: &feedState, settings: settings.polling, now: now)
            if outcome.status == .ok { feedState.oldestServedAt = intake.oldestServed[outcome.feed.id] }
            state.feeds[outcome.feed.id] = feedState
        }
        let fresh = intake.fresh
        for assessed in fresh { state.seen.insert(assessed.mention.id, postedAt: assessed.mention.postedAt) }
        for id in intake.adopted { state.seen.insert(id, postedAt: now) }
        forgetUnservable(&state, &seenSources, &seenTexts)
        state.seenSources = seenSources
        state.seenTexts = seenTexts
        state.legacyIdentityFeeds = legacyFeeds.isEmpty ? nil : legacyFeeds.sorted()
        try log.append(fresh, recordedAt: now)
        try log.append(intake.laterSources)
        summary.newMentions = fresh.count
        summary.negative = fresh.filter(\.isNegative).count

        // In publication order, so the detector sees history as it happened, whatever order the feeds came in.
        let batch = (recovered.records + fresh).sorted { $0.mention.postedAt < $1.mention.postedAt }
        for assessed in batch {
            state.crisis.record(
                at: assessed.mention.postedAt, scopes: Assessor.scopes(of: assessed), negative: assessed.isNegative,
                authorReach: assessed.mention.author.reach)
        }
        let crisisEvents = state.crisis.advance(to: now)
        // Episodes that reached warning or crisis this run (a watch that escalates counts once).
        summary.crises = Set(crisisEvents.filter(\.isAlert).map(\.scope)).count
        crisisEvents.forEach { terminal.warn("\($0.level.rawValue) \($0.kind.rawValue): \($0.explanation)") }

        clock.mark("intake")
        let alerter = Alerter(alertsFolder: alertsFolder, settings: settings.tasks, environment: environment)
        var journal = try prior.journal.get()
        let eventsWhenRendered = journal.events.count
        try journal.catchUp(alerter.journal)
        let cap = settings.polling.maxNewTasksPerFeed
        let split = FloodCap.split(batch, cap: cap, policy: settings.tasks.policy)
        summary.tasksFiled = try alerter.file(split.kept, crises: crisisEvents, now: now, book: journal.book)
        for (feedID, held) in split.held.sorted(by: { $0.key < $1.key }) {
            terminal.warn(
                "source health: feed '\(feedID)' served \(held.count) more posts needing an answer than the cap of "
                    + "\(cap) new tasks per poll (polling.max_new_tasks_per_feed); all are recorded, summed in one flood task")
            try alerter.fileFlood(feedID: feedID, held: held, cap: cap, now: now)
            summary.tasksFiled += 1
        }
        try raiseSourceHealth(&state, alerter: alerter)

        clock.mark("tasks")
        state.checkpoint = log.sizes()
        state.lastRunAt = now
        try state.save(to: stateURL)

        clock.mark("state saved")
        var current: JournalSnapshot? = journal
        let escalation = try alerter.escalate(now: now, journal: &current)
        summary.escalations = escalation.queued
        escalation.notes.forEach { terminal.warn($0) }
        clock.mark("escalation")
        let events = current?.events ?? journal.events
        // The journal only grows: the same count means the same events as when the pages were rendered.
        if let pages = prior.pagesIfUnchanged, fresh.isEmpty, intake.laterSources.isEmpty,
            events.count == eventsWhenRendered
        {
            try AlertViews.write(pages, to: alertsFolder)  // nothing changed: the pages rendered during the fetch
            clock.mark("views (rendered during the fetch)")
        } else {
            try AlertViews.regenerate(
                alertsFolder: alertsFolder, settings: settings, now: now, journal: events,
                mentions: try prior.windowMentions.get() + fresh)
            clock.mark("views")
        }
        return summary
    }

    /// Seen ids (and pairs) no feed can serve any more are forgotten: those of days before the oldest day any
    /// feed's last window held, less a margin for windows that reach back (a deleted newer post, a reordered
    /// search). Feeds that served nothing yet do not hold it back; with none to go by, nothing is forgotten.
    private func forgetUnservable(
        _ state: inout PollState, _ seenSources: inout SeenMentions, _ seenTexts: inout SeenMentions
    ) {
        let oldest = configuration.feeds.compactMap { state.feeds[$0.id]?.oldestServedAt }.min()
        guard let oldest else { return }
        let horizon = oldest.addingTimeInterval(-Self.seenMargin)
        state.seen.forget(before: horizon)
        seenSources.forget(before: horizon)
        seenTexts.forget(before: horizon)
    }

    /// How far before the oldest served day seen ids are still kept.
    static let seenMargin: TimeInterval = 30 * 86_400

    /// A run dated before the last one (a `--now` what-if ahead on this folder, or a clock jump) must not leave
    /// every feed "not due" until that future comes: say so loudly, and drop the times no schedule could have set.
    private func forgetFutureTimes(_ state: inout PollState) {
        var reset: [String] = []
        for feed in configuration.feeds {
            guard var feedState = state.feeds[feed.id] else { continue }
            if FeedSchedule.forgetFuture(
                &feedState, interval: feed.interval, cap: configuration.settings.polling.maxBackoff, now: now)
            {
                reset.append(feed.id)
                state.feeds[feed.id] = feedState
            }
        }
        guard let last = state.lastRunAt, last.timeIntervalSince(now) > 60 else { return }
        terminal.warn(
            "WARNING: this run's time \(ISOTime.format(now)) is \(DurationText.describe(last.timeIntervalSince(now))) "
                + "before the last run on \(alertsFolder.path) (\(ISOTime.format(last))): a `--now` what-if ahead on the "
                + "live folder or a clock jump; \(reset.count) feed schedule(s) set ahead were reset so polling goes on "
                + "(run what-ifs on a copy of alerts/)")
    }

    /// Feeds failing repeatedly or silent far beyond their habit get one operator task per episode (the alerter
    /// also refuses a second open one, so a crash between filing and saving state cannot double it).
    private func raiseSourceHealth(_ state: inout PollState, alerter: Alerter) throws {
        for feed in configuration.feeds {
            guard var feedState = state.feeds[feed.id], !feedState.healthAlertRaised,
                let problem = FeedStateUpdate.healthProblem(feed, feedState, settings: configuration.settings.polling, now: now)
            else { continue }
            terminal.warn("source health: \(problem)")
            try alerter.fileSourceHealth(feedID: feed.id, problem: problem, now: now)
            feedState.healthAlertRaised = true
            state.feeds[feed.id] = feedState
        }
    }

    private func count(_ outcome: FeedOutcome, into summary: inout PollSummary) {
        summary.polled += 1
        switch outcome.status {
        case .ok: summary.items += outcome.items.count
        case .notModified: summary.notModified += 1
        case .failed: summary.failed += 1
        case .skipped: summary.polled -= 1
        }
    }

    private func report(_ outcome: FeedOutcome) {
        if let error = outcome.error { terminal.warn("feed '\(outcome.feed.id)' failed: \(error)") }
        for problem in outcome.problems { terminal.warn("feed '\(outcome.feed.id)': \(problem)") }
    }
}
