import Foundation
import ReputationCore

/// Everything `Report.build` needs, read once by the caller: the window's mentions (as report rows, with the texts
/// it may quote) and the folded journal.
struct ReportInput: Sendable {
    var brand: String
    var mentions: [ReportMention]
    var examples: [String: Report.Example]
    var history: TaskHistory
    var policy: TaskPolicy
    var windowStart: Date
    var now: Date
    var timeZone: TimeZone

    init(
        brand: String, window: ReportMentions, history: TaskHistory, policy: TaskPolicy, windowStart: Date, now: Date,
        timeZone: TimeZone
    ) {
        self.brand = brand
        mentions = window.rows
        examples = window.examples
        self.history = history
        self.policy = policy
        self.windowStart = windowStart
        self.now = now
        self.timeZone = timeZone
    }

    /// From the logged mentions themselves (what `MentionLog.all(since:)` gives).
    init(
        brand: String, mentions: [AssessedMention], history: TaskHistory, policy: TaskPolicy, windowStart: Date,
        now: Date, timeZone: TimeZone
    ) {
        self.init(
            brand: brand, window: ReportMentions(mentions), history: history, policy: policy, windowStart: windowStart,
            now: now, timeZone: timeZone)
    }
}

extension Report {
    static let responseBasis =
        "first response = the first reply sent through Vigía (vigia reply --send) minus the post's publication "
        + "time; for tasks answered outside Vigía, the first acknowledgement (or resolution) instead, counted apart; "
        + "filing time stands in when the post is not in the window's mention log"

    /// Pure: the same input always gives the same report. Mentions count by the time they were posted.
    static func build(_ input: ReportInput) -> Report {
        let window = window(input.mentions, from: input.windowStart, to: input.now)
        let tasks = input.history.records.filter {
            $0.task.filedAt >= input.windowStart && $0.task.filedAt <= input.now
        }
        return Report(
            brand: input.brand, generatedAt: input.now, windowStart: input.windowStart,
            timeZone: input.timeZone.identifier, mentions: window.count,
            days: dayVolumes(window, from: input.windowStart, to: input.now, in: input.timeZone),
            channels: channelVolumes(window), sentiment: sentimentSplit(window), intents: intentCounts(window, tasks),
            categories: categories(window, examples: input.examples, from: input.windowStart, to: input.now),
            crises: crises(input.history.records, from: input.windowStart, to: input.now),
            responses: responses(tasks, mentions: window, policy: input.policy, now: input.now),
            people: people(input.history, tasks: tasks, mentions: window, from: input.windowStart, to: input.now),
            responseTimeBasis: responseBasis, tasks: taskCounts(input.history, now: input.now),
            deletions: 0, estimates: estimates(window))
    }

    /// The window's rows: those counted (posted, never after seen) from its start to now.
    static func window(_ mentions: [ReportMention], from start: Date, to end: Date) -> [ReportMention] {
        mentions.filter { $0.countedAt >= start && $0.countedAt <= end }
    }

    static func dayVolumes(_ mentions: [ReportMention], from start: Date, to end: Date, in zone: TimeZone)
        -> [DayVolume]
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var days: [DayVolume] = []
        var day = calendar.startOfDay(for: start)
        while day <= end {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let name = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            days.append(DayVolume(day: name, start: day, total: 0, negative: 0, positive: 0, negativeShare: 0))
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        for assessed in mentions {
            guard let index = days.lastIndex(where: { $0.start <= assessed.countedAt }) else { continue }
            days[index].total += 1
            if assessed.label == .negative { days[index].negative += 1 }
            if assessed.label == .positive { days[index].positive += 1 }
        }
        for index in days.indices where days[index].total > 0 {
            days[index].negativeShare = Double(days[index].negative) * 100 / Double(days[index].total)
        }
        return days
    }

    static func channelVolumes(_ mentions: [ReportMention]) -> [ChannelVolume] {
        var volumes: [String: ChannelVolume] = [:]
        for assessed in mentions {
            let channel = assessed.channel
            volumes[channel, default: ChannelVolume(channel: channel, total: 0, negative: 0)].total += 1
            if assessed.isNegative { volumes[channel]?.negative += 1 }
        }
        return volumes.values.sorted { ($0.total, $1.channel) > ($1.total, $0.channel) }
    }

    static func sentimentSplit(_ mentions: [ReportMention]) -> SentimentSplit {
        let positive = mentions.count { $0.label == .positive }
        let negative = mentions.count { $0.label == .negative }
        return SentimentSplit(
            positive: positive, neutral: mentions.count - positive - negative, negative: negative,
            netScore: ReportMath.netSentiment(positive: positive, negative: negative, total: mentions.count))
    }

    /// Complaint categories by count (top 8), each with its trend across the window and its two latest posts.
    static func categories(
        _ mentions: [ReportMention], examples: [String: Example], from start: Date, to end: Date
    ) -> [Category] {
        let middle = start.addingTimeInterval(end.timeIntervalSince(start) / 2)
        return rankedCategories(mentions).map { id, posts in
            let earlier = posts.count { $0.countedAt < middle }
            return Category(
                id: id, count: posts.count, earlierHalf: earlier, laterHalf: posts.count - earlier,
                trend: ReportMath.trend(earlier: earlier, later: posts.count - earlier),
                examples: latest(posts).compactMap { examples[$0.id] })
        }
    }

    /// The top 8 categories of the window's rows, each with its rows in log order.
    static func rankedCategories(_ mentions: [ReportMention]) -> [(key: String, value: [ReportMention])] {
        var byID: [String: [ReportMention]] = [:]
        for assessed in mentions {
            for id in Set(assessed.categories) { byID[id, default: []].append(assessed) }
        }
        return Array(byID.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(8))
    }

    /// The ids of the posts `categories` quotes for the window's rows: what the texts read apart must cover.
    static func exampleIDs(_ mentions: [ReportMention]) -> Set<String> {
        Set(rankedCategories(mentions).flatMap { latest($0.value).map(\.id) })
    }

    /// The latest `count` of rows in log order, ties going to the earlier in the log: one order, so the latest of a
    /// window are among the latest of each of its days (`MentionDaySummary` keeps those days' texts).
    static func latest(_ posts: [ReportMention], count: Int = 2) -> [ReportMention] {
        posts.enumerated().sorted { ($0.element.countedAt, $1.offset) > ($1.element.countedAt, $0.offset) }
            .prefix(count).map(\.element)
    }

    static func example(_ assessed: AssessedMention) -> Example {
        let mention = assessed.mention
        let author = mention.author.displayName ?? "unknown author"
        let text = mention.fullText.count > 280 ? String(mention.fullText.prefix(279)) + "…" : mention.fullText
        return Example(
            author: author, channel: mention.channel, text: text, url: mention.url, postedAt: mention.postedAt)
    }

    /// Crisis tasks that overlap the window, with their level changes in order.
    static func crises(_ records: [TaskHistory.Record], from start: Date, to end: Date) -> [Crisis] {
        records.filter { $0.task.kind == .crisis }.compactMap { record in
            let ended = record.crisisSteps.last { $0.stage == .ended }?.at
            guard record.task.filedAt <= end, (ended ?? end) >= start else { return nil }
            let levels = (record.crisisSteps.map(\.stage) + [record.task.crisisLevel]).compactMap { $0?.level }
            let highest = levels.max() ?? .crisis
            return Crisis(
                taskID: record.task.id, summary: record.task.text, startedAt: crisisStart(record.task), endedAt: ended,
                highestLevel: highest.rawValue,
                state: record.task.state.rawValue,
                timeline: record.crisisSteps.map { Crisis.Step(at: $0.at, level: $0.label, note: $0.note) })
        }
    }

    /// When the surge began: the detector's bucket (the crisis task's mention id ends with its ISO time) when that
    /// is earlier than the filing, as it is when a poll catches up on hours of posts at once.
    static func crisisStart(_ task: ResponseTask) -> Date {
        guard task.mentionID.hasPrefix("crisis:"), let bucket = ISOTime.parse(String(task.mentionID.suffix(20))) else {
            return task.filedAt
        }
        return min(bucket, task.filedAt)
    }

    /// Per priority: first-response times (median, p90) and SLA compliance against the deadline filed with the task.
    static func responses(_ records: [TaskHistory.Record], mentions: [ReportMention], policy: TaskPolicy, now: Date)
        -> [Response]
    {
        let postedAt = Dictionary(mentions.map { ($0.id, $0.countedAt) }, uniquingKeysWith: min)
        let customerTasks = records.filter { $0.task.kind != .sourceHealth }
        return ResponseTask.Priority.allCases.sorted().compactMap { priority in
            let group = customerTasks.filter { $0.task.priority == priority }
            guard !group.isEmpty else { return nil }
            var times: [Double] = []
            var within = 0
            var breached = 0
            var fromReplies = 0
            for record in group {
                if let answered = record.firstResponse {
                    times.append(firstResponseSeconds(answered, record, postedAt: postedAt))
                    if answered.at <= record.firstDeadline { within += 1 } else { breached += 1 }
                    if answered.basis == .reply { fromReplies += 1 }
                } else if now >= record.firstDeadline {
                    breached += 1
                }
            }
            return Response(
                priority: priority.rawValue, slaSeconds: policy.allowance(for: priority), tasks: group.count,
                responded: times.count, medianSeconds: ReportMath.percentile(times, 50),
                p90Seconds: ReportMath.percentile(times, 90), withinSLA: within, breached: breached,
                compliance: ReportMath.compliance(within: within, breached: breached), fromReplies: fromReplies,
                fromAcknowledgements: times.count - fromReplies)
        }
    }

    /// Seconds from the customer's post (filing time when the post is not in the window's log) to the response.
    static func firstResponseSeconds(
        _ response: TaskHistory.FirstResponse, _ record: TaskHistory.Record, postedAt: [String: Date]
    ) -> Double {
        max(0, response.at.timeIntervalSince(postedAt[record.task.mentionID] ?? record.task.filedAt))
    }

    /// Per intent: the window's mentions, the tasks filed for them in the window and how many were answered.
    static func intentCounts(_ mentions: [ReportMention], _ records: [TaskHistory.Record]) -> [IntentCount] {
        let responses = records.filter { $0.task.kind == .response }
        return Intent.allCases.map { intent in
            let group = responses.filter { $0.task.intent == intent }
            return IntentCount(
                intent: intent.rawValue, mentions: mentions.count { $0.intent == intent }, tasks: group.count,
                answered: group.count { $0.firstResponseAt != nil })
        }
    }

    /// Counts over all tasks in the journal (current state, not only the window): what is on the team's plate.
    /// Over every task: the live ones and those closed long ago that the ledger retired (counted, not held).
    static func taskCounts(_ history: TaskHistory, now: Date) -> TaskCounts {
        let tasks = history.records.map(\.task)
        return TaskCounts(
            open: tasks.count { $0.state.isOpen }, overdue: tasks.count { $0.isOverdue(now: now) },
            resolved: tasks.count { $0.state == .resolved },
            closedConfirmed: tasks.count { $0.state == .closed && $0.confirmed } + history.retiredClosedConfirmed)
    }

    static func estimates(_ mentions: [ReportMention]) -> Estimates {
        let complaints = mentions.count(where: \.isComplaint)
        let unhappy = Set(mentions.filter(\.isNegative).map(\.authorKey)).count
        let happy = Set(mentions.filter { $0.label == .positive }.map(\.authorKey)).count
        return Estimates(
            visibleComplaints: complaints, silentComplainers: complaints * Estimates.silentPerComplaint,
            unhappyAuthors: unhappy, happyAuthors: happy,
            wordOfMouthReach: unhappy * Estimates.toldByUnhappy + happy * Estimates.toldByHappy,
            note: "Estimates from customer-service research, not measurements: each visible complaint stands for about "
                + "\(Estimates.silentPerComplaint) customers who did not write; an unhappy customer tells about "
                + "\(Estimates.toldByUnhappy) people, a happy one about \(Estimates.toldByHappy).")
    }
}
