import Foundation
import ReputationCore

/// One `vigia poll` cycle: fetch → decode → dedupe → score → detect → file tasks → escalate → regenerate views.
///
/// Order matters for crash safety: mentions are appended to the log (fsync'd) before anything acts on them, and the
/// poll state (seen ids, feed validators, crisis detector, log checkpoint) is replaced atomically only after tasks
/// are filed. A run killed anywhere leaves either the old state (the next run re-processes the log tail, filing
/// idempotently) or the new one — never a lost or doubled mention.
package struct PollRun {
    package var configuration: Configuration
    package var alertsFolder: URL
    package var now: Date
    package var environment: [String: String]
    package var terminal: Terminal
    /// The rules a poll assesses with, or their loading on another thread while the transfers run, joined at the
    /// intake; a broken rule file is still this run's error.
    var rules: Supply<PollRules>
    /// Phase timings on stderr when `VIGIA_TIMINGS` is set.
    var clock: PhaseClock
    /// `now` is this machine's clock (no `--now`): a run far before the last one it timed is refused, not polled.
    package var clockIsMachine = false
    /// `now` is stated with `--now` within `clockSlack` of this machine's clock: the operator vouches for that clock,
    /// so the bar moves to it, down too (the way out after a run whose clock was ahead: cron refused it until then).
    package var clockConfirmed = false

    package init(configuration: Configuration, alertsFolder: URL, now: Date, environment: [String: String], terminal: Terminal, rules: PollRules) {
        self.init(
            configuration: configuration, alertsFolder: alertsFolder, now: now, environment: environment, terminal: terminal,
            supply: .ready(rules))
    }

    private init(
        configuration: Configuration, alertsFolder: URL, now: Date, environment: [String: String], terminal: Terminal,
        supply: Supply<PollRules>
    ) {
        self.configuration = configuration
        self.alertsFolder = alertsFolder
        self.now = now
        self.environment = environment
        self.terminal = terminal
        self.rules = supply
        clock = PhaseClock(environment: environment, terminal: terminal)
    }

    /// A poll of a command's context, timed by it: this machine's clock, or `--now` (which vouches for the machine's
    /// clock when within `clockSlack` of it).
    package init(configuration: Configuration, rules: PollRules, context: RunContext) {
        self.init(configuration: configuration, rules: .ready(rules), context: context)
    }

    init(configuration: Configuration, rules: Supply<PollRules>, context: RunContext) {
        self.init(
            configuration: configuration, alertsFolder: context.alertsFolder, now: context.currentTime(),
            environment: context.environment, terminal: context.terminal, supply: rules)
        clockIsMachine = context.fixedNow == nil
        clockConfirmed = context.fixedNow.map { abs($0.timeIntervalSinceNow) <= Self.clockSlack } ?? false
    }

    var stateURL: URL { alertsFolder.appendingPathComponent("state").appendingPathComponent("poll-state.json") }

    /// What the phases of one run hand each other.
    struct Work {
        var state: PollState
        let log: MentionLog
        var summary = PollSummary()
        /// Mentions logged by a run that died before saving its state: processed again (filing is idempotent).
        var recovered: [AssessedMention] = []
        let recordsLaterSources: Bool
        let recordsEdits: Bool
        var seenSources: SeenMentions
        var seenTexts: SeenMentions
        var fresh: [AssessedMention] = []
        var laterSources: [MentionSource] = []
        /// Mentions an earlier run logged that the crisis detector has not counted yet.
        var carried = CrisisCarry()
        /// Recovered and fresh mentions in publication order.
        var batch: [AssessedMention] = []
        /// Every crisis event of this run, `carriedEvents` first: those of the buckets an earlier run closed.
        var crisisEvents: [Crisis.Event] = []
        var carriedEvents: [Crisis.Event] = []
    }

    package func run() throws -> PollSummary {
        var clock = self.clock
        let lock = try RunLock(alertsFolder: alertsFolder, now: now)
        defer { withExtendedLifetime(lock) {} }
        var work = try start(holding: lock)
        clock.mark("state")
        // The journal and the report's mention files are read while the transfers are in flight (they take the
        // network's time, not the CPU's); nothing else writes them while the run lock is held (a person's
        // `vigia ack` waits for it), and the journal is still caught up before each use, reading only what was added.
        let reading = BackgroundWork { [alertsFolder, now, settings = configuration.settings] in
            PollReading(alertsFolder: alertsFolder, settings: settings, now: now)
        }
        let outcomes = fetch(work.state)
        clock.mark("fetch")
        let prior = reading.wait()
        clock.mark("reading")
        try refuseAClockTheServersDispute(outcomes)
        try take(outcomes, into: &work)
        detectCrises(&work)
        clock.mark("intake")
        // The one read of the journal this poll (the checkpoint and its tail): from here on it is only caught up with
        // what is appended.
        var journal = try prior.journal.get()
        try journal.catchUp(alerter.journal)
        reportCrises(&work, book: journal.book)
        try fileTasks(&work, journal: &journal)
        clock.mark("tasks")
        try saveState(&work)
        clock.mark("state saved")
        try escalate(&work, journal: &journal)
        clock.mark("escalation")
        // The window's mentions and the early pages go with the views (consumed), before the checkpoint is encoded.
        clock.mark(try writeViews(consume prior, work: work, journal: journal))
        // The fold just made, kept for the next poll and the task commands when this poll read or appended anything
        // past the checkpoint (best effort: a missing or older checkpoint is only slower, never wrong), so a quiet
        // poll every minute does not rewrite it.
        let checkpoint = alerter.checkpoint
        if journal.bytesRead > 0 || !FileManager.default.fileExists(atPath: checkpoint.url.path) {
            try? checkpoint.save(journal.ledger, coveringJournal: alerter.journal, upTo: journal.end)
            clock.mark("checkpoint")
        }
        try sealJournalSegment(journal, holding: lock)
        clock.note(journal.readings)
        return work.summary
    }

    /// Writes OPEN.md and report.html; returns the phase's name for the timings.
    private func writeViews(_ prior: consuming PollReading, work: Work, journal: JournalSnapshot) throws -> String {
        // The journal only grows: nothing appended means the same events as when the pages were rendered.
        if let pages = prior.pagesIfUnchanged, work.fresh.isEmpty, work.laterSources.isEmpty, journal.eventsAppended == 0 {
            try AlertViews.write(pages, to: alertsFolder)  // nothing changed: the pages rendered during the fetch
            return "views (rendered during the fetch)"
        }
        var window = try prior.windowMentions.get()
        window.append(work.fresh)
        try AlertViews.regenerate(
            alertsFolder: alertsFolder, settings: configuration.settings, now: now, journal: journal, window: window)
        return "views"
    }

    /// In a new month the journal's current segment is sealed (`JournalSegments`) and the checkpoint moved to the
    /// start of the next one: the fold covers the sealed segment whole. A crash between the two leaves a checkpoint
    /// naming the old segments, which the next run ignores and rebuilds from every segment: slower once, never wrong.
    private func sealJournalSegment(_ journal: JournalSnapshot, holding lock: RunLock) throws {
        let segments = JournalSegments(alertsFolder: alertsFolder)
        guard let name = try segments.sealIfNewMonth(now: now, coveredUpTo: journal.end, holding: lock) else { return }
        try? alerter.checkpoint.save(journal.ledger, coveringJournal: alerter.journal, upTo: 0)
        terminal.warn("journal: the segment begun last month is sealed as journal/\(name); a new journal.jsonl begins")
    }

    var alerter: Alerter { Alerter(alertsFolder: alertsFolder, settings: configuration.settings.tasks, environment: environment) }

    /// Settles what a killed run left (stale temporaries, torn last lines, logged mentions not yet processed) and
    /// loads the state, with the recovered mentions counted as seen.
    private func start(holding lock: RunLock) throws -> Work {
        let settings = configuration.settings
        for folder in ["", "state", "state/mention-days", "outbox"] { AtomicFile.removeStaleTemporaries(in: alertsFolder.appendingPathComponent(folder)) }
        let log = MentionLog(alertsFolder: alertsFolder)
        let loaded = try PollState.loadIfPresent(from: stateURL, crisisSettings: settings.crisis)
        try refuseAClockBehind(loaded)
        // Torn last lines from a killed run are settled here, by the lock holder alone, and said on stderr.
        try alerter.journal.settleTail(JournalEvent.self, holding: lock).map { terminal.warn($0) }
        for note in try log.settleTails(holding: lock) { terminal.warn(note) }
        // A state that is there is trusted with its tail (a killed run's mentions, never filed, whatever their age);
        // one that is gone is rebuilt from the log rather than taking the whole log as that tail.
        var (state, recovered, carried) = try loaded.map { state in
            let tail = try log.unprocessed(after: state.checkpoint).records
            return (state, tail, CrisisCarry(unprocessed: tail, now: now))
        } ?? (log.files().isEmpty ? (PollState(crisisSettings: settings.crisis), [], CrisisCarry()) : try rebuildState(from: log))
        // A lost state takes its bar from the log (the last time a run recorded anything): a clock not set yet must
        // not file the day's posts under 1970 because the state went with the file.
        if loaded == nil { try refuseAClockBehind(state) }
        // Edits to monitor.json apply to a running detector; new windows are learned again from the log.
        let savedWindows = state.crisis.settings.windows, savedBucket = state.crisis.settings.bucketMinutes
        if !state.crisis.update(settings: settings.crisis), !log.files().isEmpty {
            let rebuild = PollStateRebuild(log: log, settings: settings.crisis, now: now)
            let (detector, days, mentions) = try rebuild.relearnCrisis(leavingOut: Set(recovered.map(\.mention.id)))
            state.crisis = detector
            terminal.warn(
                "crisis settings: windows \(savedWindows) of \(savedBucket) min are now \(settings.crisis.windows) of "
                    + "\(settings.crisis.bucketMinutes) min; baselines learned again from the mention log (\(days) days, "
                    + "\(ViewNumber.grouped(mentions)) mentions)")
        }
        var work = Work(
            state: state, log: log, recordsLaterSources: state.seenSources != nil, recordsEdits: state.seenTexts != nil,
            seenSources: state.seenSources ?? SeenMentions(), seenTexts: state.seenTexts ?? SeenMentions())
        work.summary.feeds = configuration.feeds.count
        work.state.seen.dateUndated(as: now)
        work.seenSources.dateUndated(as: now)
        work.seenTexts.dateUndated(as: now)
        for assessed in recovered {
            work.state.seen.insert(assessed.mention.id, recordedAt: assessed.mention.fetchedAt)
            work.seenTexts.insert(MentionIdentity.textKey(assessed.mention), recordedAt: assessed.mention.fetchedAt)
            for source in assessed.mention.sources {
                let pair = MentionSource.key(mention: assessed.mention.id, source: source)
                work.seenSources.insert(pair, recordedAt: assessed.mention.fetchedAt)
            }
        }
        work.recovered = recovered
        work.carried = carried
        work.summary.recovered = recovered.count
        forgetFutureTimes(&work.state)
        return work
    }

    /// Fetches the feeds that are due.
    private func fetch(_ state: PollState) -> [FeedOutcome] {
        let due = configuration.feeds.filter { (state.feeds[$0.id] ?? FeedState()).isDue(now: now) }
        var poller = FeedPoller(limits: configuration.settings.transferLimits, environment: environment)
        poller.stateFolder = stateURL.deletingLastPathComponent()
        poller.now = now
        return poller.poll(due, states: state.feeds)
    }

    /// Dedupes and assesses what the feeds served, updates each feed's state, and logs the new mentions (fsync'd)
    /// before anything acts on them.
    private func take(_ outcomes: [FeedOutcome], into work: inout Work) throws {
        var legacyFeeds = Set(work.state.legacyIdentityFeeds ?? [])
        var learningFeeds = Set(work.state.textLearningFeeds ?? [])
        var intake = MentionIntake(
            rules: try rules.get(), now: now, recordsLaterSources: work.recordsLaterSources, recordsEdits: work.recordsEdits,
            legacyFeeds: legacyFeeds, learningFeeds: learningFeeds, formerTexts: work.state.formerTexts ?? SeenMentions())
        for outcome in outcomes {
            count(outcome, into: &work.summary)
            report(outcome)
            let unseen = intake.take(outcome, seen: work.state.seen, seenSources: &work.seenSources, seenTexts: &work.seenTexts)
            if outcome.status == .ok {
                legacyFeeds.remove(outcome.feed.id)
                learningFeeds.remove(outcome.feed.id)
            }
            var feedState = work.state.feeds[outcome.feed.id] ?? FeedState()
            FeedStateUpdate.apply(outcome, newItems: unseen, to: &feedState, settings: configuration.settings.polling, now: now)
            if outcome.status == .ok { feedState.oldestServedAt = intake.oldestServed[outcome.feed.id] }
            work.state.feeds[outcome.feed.id] = feedState
        }
        let fresh = intake.assessFresh()
        for assessed in fresh { work.state.seen.insert(assessed.mention.id, recordedAt: assessed.mention.fetchedAt) }
        for id in intake.adopted { work.state.seen.insert(id, recordedAt: now) }
        for id in intake.served { work.state.seen.serve(id, at: now) }
        forgetUnservable(&work.state, &work.seenSources, &work.seenTexts)
        work.state.seenSources = work.seenSources
        work.state.seenTexts = work.seenTexts
        work.state.textKeyVersion = MentionIdentity.textKeyVersion
        work.state.legacyIdentityFeeds = legacyFeeds.isEmpty ? nil : legacyFeeds.sorted()
        work.state.textLearningFeeds = learningFeeds.isEmpty ? nil : learningFeeds.sorted()
        if learningFeeds.isEmpty { work.state.formerTexts = nil }
        try work.log.append(fresh, recordedAt: now)
        try work.log.append(intake.laterSources)
        work.fresh = fresh
        work.laterSources = intake.laterSources
        work.summary.newMentions = fresh.count
        work.summary.negative = fresh.filter(\.isNegative).count
    }

    /// Feeds the crisis detector in publication order, each mention at its `countedAt` (never after it was fetched),
    /// so it sees history as it happened whatever order the feeds came in, and advances it to now.
    private func detectCrises(_ work: inout Work) {
        let brandTracked = work.state.crisis.scopes.contains(.brand())
        work.batch = Self.inPublicationOrder(work.recovered + work.fresh)
        // What an earlier run logged is counted as that run counted it, up to its time, before this run's news.
        record(work.carried.mentions, in: &work.state.crisis)
        work.carriedEvents = work.carried.until.map { work.state.crisis.advance(to: min($0, now)) } ?? []
        record(work.fresh, in: &work.state.crisis)
        work.crisisEvents = work.carriedEvents + work.state.crisis.advance(to: now)
        // Said once, when the brand's first mentions are counted: a day with no volume alert is then expected.
        if !brandTracked, let until = work.state.crisis.learnsVolumeUntil(.brand()) {
            terminal.warn(
                "crisis detection: learning the brand's usual volume from its first mentions; volume and negative-share "
                    + "alerts begin at \(ISOTime.format(until)), after crisis.warmup_hours "
                    + "(\(String(format: "%g", configuration.settings.crisis.warmupHours)) h); an influencer's negative "
                    + "post alerts from now")
        }
    }

    /// Says the episodes that reached warning or crisis this run (a watch that escalates counts once). An earlier
    /// run's alert raised again that the book already holds (`CrisisFiling.holds`) is not news: that run said it.
    private func reportCrises(_ work: inout Work, book: TaskBook) {
        let old = work.carriedEvents.filter { CrisisFiling.holds($0, book: book) }
        let news = work.crisisEvents.filter { !old.contains($0) }
        work.summary.crises = Set(news.filter(\.isAlert).map(\.scope)).count
        for event in news { terminal.warn("\(event.level.rawValue) \(event.kind.rawValue): \(event.explanation)") }
    }

    /// Oldest post first, ties in the order given. The indices are sorted, not the mentions: moving thousands of
    /// whole mentions through a sort was a tenth of a first poll's intake.
    private static func inPublicationOrder(_ mentions: [AssessedMention]) -> [AssessedMention] {
        mentions.indices.sorted { mentions[$0].mention.postedAt < mentions[$1].mention.postedAt }.map { mentions[$0] }
    }

    private func record(_ mentions: [AssessedMention], in detector: inout CrisisDetector) {
        for assessed in Self.inPublicationOrder(mentions) {
            detector.record(
                at: assessed.mention.countedAt, scopes: Assessor.scopes(of: assessed), negative: assessed.isNegative,
                authorReach: assessed.mention.author.reach)
        }
    }

    /// Files tasks for the batch (at most the cap per feed, the rest summed in a flood task), the crises and the
    /// feeds in trouble, against the journal's fold; `journal` is caught up with what was filed.
    private func fileTasks(_ work: inout Work, journal: inout JournalSnapshot) throws {
        let alerter = self.alerter
        let cap = configuration.settings.polling.maxNewTasksPerFeed
        let split = FloodCap.split(work.batch, cap: cap, policy: configuration.settings.tasks.policy)
        work.summary.tasksFiled = try alerter.file(split.kept, crises: work.crisisEvents, now: now, book: journal.book)
        // The times of each feed's flood tasks in the book (their runs' clocks, as in their mention ids).
        var floods: [String: [Date]] = [:]
        for task in journal.book.tasks where task.kind == .sourceHealth {
            if let feed = TaskFiling.floodFeed(ofMention: task.mentionID) { floods[feed, default: []].append(task.filedAt) }
        }
        for (feedID, everyHeld) in split.held.sorted(by: { $0.key < $1.key }) {
            // A run killed after its journal append and before its state save filed the flood task of the posts it
            // held; this run recovers them from the log and must not file it again. That run may be a later one than
            // the run that logged them (itself killed before filing): any flood task of the feed filed between a
            // post's recording and now is one that summed it (every run in between that filed had it in its batch).
            let held = everyHeld.filter { assessed in
                !(floods[feedID] ?? []).contains { $0 >= assessed.mention.fetchedAt && $0 <= now }
            }
            guard !held.isEmpty else { continue }
            terminal.warn(
                "source health: feed '\(feedID)' served \(held.count) more posts needing an answer than the cap of "
                    + "\(cap) new tasks per poll (polling.max_new_tasks_per_feed); all are recorded, summed in one flood task")
            try alerter.fileFlood(feedID: feedID, held: held, cap: cap, now: now)
            work.summary.tasksFiled += 1
        }
        try journal.catchUp(alerter.journal)
        try raiseSourceHealth(&work.state, alerter: alerter, journal: &journal)
    }

    /// The new state, replaced atomically only after the tasks are filed (see the type's comment).
    private func saveState(_ work: inout Work) throws {
        work.state.checkpoint = work.log.sizes()
        work.state.lastRunAt = now
        if clockIsMachine || clockConfirmed { work.state.lastMachineRunAt = now }
        try work.state.save(to: stateURL)
    }

    /// The escalation step over the same journal fold, left current with its own events for the views.
    private func escalate(_ work: inout Work, journal: inout JournalSnapshot) throws {
        var current: JournalSnapshot? = journal
        let escalation = try alerter.escalate(now: now, journal: &current)
        if let current { journal = current }
        work.summary.escalations = escalation.queued
        for note in escalation.notes { terminal.warn(note) }
    }

    /// Seen ids (and pairs) out of every feed's window for a margin are forgotten: those last served (or recorded)
    /// `seenMargin` before the oldest of the feeds' last polls that served anything, so a feed failing for weeks
    /// holds its posts back. Feeds that served nothing yet do not hold it back; with none to go by, nothing goes.
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

    /// A run on this machine's clock far before the last one it timed (`PollState.lastMachineRunAt`) does nothing.
    private func refuseAClockBehind(_ state: PollState?) throws {
        guard clockIsMachine, let last = state?.lastMachineRunAt, last.timeIntervalSince(now) > Self.clockSlack else { return }
        throw RunError.clockBehind(path: alertsFolder.path, now: now, lastRun: last)
    }

    /// A run on this machine's clock that every server answering it disputes (`MachineClockCheck`) does nothing: it
    /// has only fetched, so the next run on a right clock fetches the same again.
    private func refuseAClockTheServersDispute(_ outcomes: [FeedOutcome]) throws {
        guard clockIsMachine else { return }
        if let dispute = MachineClockCheck.judge(now: now, readings: outcomes.flatMap(\.serverClocks), slack: Self.clockSlack) {
            throw RunError.clockDisputed(path: alertsFolder.path, dispute)
        }
    }

    /// How far this machine's clock may read before the last run it timed and still poll (with a warning): a day,
    /// past any correction NTP makes, short of a clock that was never set.
    static let clockSlack: TimeInterval = 86_400

    /// How long an id out of every feed's window is still kept (a post a window leaves out and serves again).
    static let seenMargin: TimeInterval = 30 * 86_400

    /// A run dated before the last one (a `--now` what-if ahead on this folder, or a clock jump) must not leave
    /// every feed "not due" until that future comes: say so loudly, and bring back the times no schedule could have
    /// set from here (`FeedSchedule.forgetFuture`), saying when polling goes on.
    private func forgetFutureTimes(_ state: inout PollState) {
        var reset: [String] = []
        for feed in configuration.feeds {
            guard var feedState = state.feeds[feed.id] else { continue }
            if FeedSchedule.forgetFuture(
                &feedState, interval: feed.interval, cap: configuration.settings.polling.maxBackoff, now: now)
            {
                reset.append(feed.id)
            }
            state.feeds[feed.id] = feedState
        }
        guard let last = state.lastRunAt, last.timeIntervalSince(now) > 60 else { return }
        terminal.warn(
            "WARNING: this run's time \(ISOTime.format(now)) is \(DurationText.describe(last.timeIntervalSince(now))) "
                + "before the last run on \(alertsFolder.path) (\(ISOTime.format(last))): a `--now` what-if ahead on the "
                + "live folder or a clock jump; \(resetText(reset, in: state)) (run what-ifs on a copy of alerts/)")
    }

    /// What became of the schedules set ahead, true to what the feeds will do: when the first of them is due.
    private func resetText(_ reset: [String], in state: PollState) -> String {
        guard !reset.isEmpty else { return "no feed schedule was set ahead of this run" }
        let firstDue = reset.map { state.feeds[$0]?.nextDueAt ?? now }.min() ?? now
        let when = firstDue <= now ? "now" : "from \(ISOTime.format(firstDue))"
        return "\(reset.count) feed schedule(s) set ahead were reset to at most their wait from this run's time, "
            + "so polling goes on \(when)"
    }

    /// Feeds failing repeatedly or silent far beyond their habit get one operator task per episode (the alerter
    /// also refuses a second open one, so a crash between filing and saving state cannot double it).
    private func raiseSourceHealth(_ state: inout PollState, alerter: Alerter, journal: inout JournalSnapshot) throws {
        for feed in configuration.feeds {
            guard var feedState = state.feeds[feed.id], !feedState.healthAlertRaised,
                let problem = FeedStateUpdate.healthProblem(feed, feedState, settings: configuration.settings.polling, now: now)
            else { continue }
            terminal.warn("source health: \(problem)")
            if try alerter.fileSourceHealth(feedID: feed.id, problem: problem, now: now, book: journal.book) {
                try journal.catchUp(alerter.journal)
            }
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
