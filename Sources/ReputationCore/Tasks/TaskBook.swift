import Foundation

/// The current state of every task: a fold of the journal. Events apply in order; an event about an unknown task
/// or a repeated `filed` changes nothing (the journal is never rewritten, so the fold must be tolerant).
package struct TaskBook: Sendable, Codable {
    private var byID: [String: ResponseTask] = [:]
    private var order: [String] = []
    private var mentionIndex: [String: String] = [:]
    private var threadIndex: [String: String] = [:]
    /// Each thread's tasks, in filing order: derived (not stored), so filing a batch asks for a thread's tasks without
    /// walking the whole book once per post.
    private var threadMembers: [String: [String]] = [:]
    /// Ids of events already folded, by task, so the same event applied twice is harmless and a retired task's ids
    /// go with it.
    private var seenEvents: [String: Set<String>] = [:]

    package init(events: [JournalEvent] = []) {
        for event in events { apply(event) }
    }

    // Stored as a checkpoint of the fold (`alerts/state/tasks-checkpoint.jsonl`): the same book always encodes to
    // the same bytes (sorted keys, each task's seen event ids sorted), so a checkpoint can be compared with a fresh fold.
    private enum CodingKeys: String, CodingKey {
        case byID = "tasks", order, mentionIndex = "mention_index", threadIndex = "thread_index"
        case seenEvents = "seen_events"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(byID, forKey: .byID)
        try container.encode(order, forKey: .order)
        try container.encode(mentionIndex, forKey: .mentionIndex)
        try container.encode(threadIndex, forKey: .threadIndex)
        try container.encode(seenEvents.mapValues { $0.sorted() }, forKey: .seenEvents)
    }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let byID = try container.decode([String: ResponseTask].self, forKey: .byID)
        let index = Index(
            order: try container.decode([String].self, forKey: .order),
            mentionIndex: try container.decode([String: String].self, forKey: .mentionIndex),
            threadIndex: try container.decode([String: String].self, forKey: .threadIndex),
            seenEvents: try container.decode([String: [String]].self, forKey: .seenEvents))
        guard byID.count == index.order.count else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [CodingKeys.order], debugDescription: "task order and tasks disagree"))
        }
        try self.init(index: index, tasks: index.order.compactMap { byID[$0] })
    }

    /// The book without its tasks: a checkpoint stores each task on a line of its own (`tasks` in `order`), so reading
    /// it back never builds one decoder map over every task at once.
    package struct Index: Sendable, Codable {
        var order: [String]
        var mentionIndex: [String: String]
        var threadIndex: [String: String]
        var seenEvents: [String: [String]]

        enum CodingKeys: String, CodingKey {
            case order, mentionIndex = "mention_index", threadIndex = "thread_index", seenEvents = "seen_events"
        }
    }

    package var index: Index {
        Index(order: order, mentionIndex: mentionIndex, threadIndex: threadIndex, seenEvents: seenEvents.mapValues { $0.sorted() })
    }

    /// The book of `index` and its tasks, which must be the index's, in its order.
    package init(index: Index, tasks: [ResponseTask]) throws {
        guard tasks.map(\.id) == index.order else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [CodingKeys.order], debugDescription: "task order and tasks disagree"))
        }
        byID = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        order = index.order
        mentionIndex = index.mentionIndex
        threadIndex = index.threadIndex
        seenEvents = index.seenEvents.mapValues(Set.init)
        guard byID.count == order.count else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [CodingKeys.order], debugDescription: "a task is listed twice"))
        }
        for task in tasks { threadMembers[task.threadID, default: []].append(task.id) }
    }

    package var tasks: [ResponseTask] { order.compactMap { byID[$0] } }

    package func task(id: String) -> ResponseTask? { byID[id] }

    /// The task answering this mention (as its first post or a later one), if any.
    package func task(forMention mentionID: String) -> ResponseTask? { mentionIndex[mentionID].flatMap { byID[$0] } }

    /// The thread a customer identity key ("handle:…", "order:…") belongs to.
    package func thread(forKey key: String) -> String? { threadIndex[key] }

    /// The thread's latest response task when none of its response tasks is open (the one a customer writing again
    /// reopens); nil when one is open or there is none. Looks at the thread's tasks, not the book's.
    package func latestClosedResponse(inThread threadID: String) -> ResponseTask? {
        var latest: String?
        for id in threadMembers[threadID] ?? [] {
            guard let kind = byID[id]?.kind, kind == .response else { continue }
            if byID[id]?.state.isOpen == true { return nil }
            latest = id
        }
        return latest.flatMap { byID[$0] }
    }

    /// Open tasks (filed or acknowledged), most urgent first: unacknowledged ones by deadline (so overdue first),
    /// then acknowledged ones by priority.
    package func open(now: Date) -> [ResponseTask] {
        tasks.filter { $0.state.isOpen }.sorted { a, b in
            if (a.state == .filed) != (b.state == .filed) { return a.state == .filed }
            if a.state == .filed, a.deadline != b.deadline { return a.deadline < b.deadline }
            if a.priority != b.priority { return a.priority < b.priority }
            return a.filedAt < b.filedAt
        }
    }

    /// Open tasks not acknowledged by their deadline.
    package func overdue(now: Date) -> [ResponseTask] { open(now: now).filter { $0.isOverdue(now: now) } }

    /// The open crisis task for a crisis scope key, if any.
    package func openCrisis(scopeKey: String) -> ResponseTask? {
        tasks.last { $0.kind == .crisis && $0.state.isOpen && $0.mentionID.hasPrefix(scopeKey) }
    }

    /// Looks a task up by id, or by a unique prefix of it (ids are long; people type the start).
    package func resolve(id: String) throws(TaskError) -> ResponseTask {
        if let task = byID[id] { return task }
        let matches = order.filter { $0.hasPrefix(id) }
        if matches.count == 1, let task = byID[matches[0]] { return task }
        throw .unknownTask(id: id, suggestion: matches.first ?? Self.nearest(id, order))
    }

    /// Folds one event; false when it changed nothing (a repeated event, or one about a task the book does not hold).
    @discardableResult
    package mutating func apply(_ event: JournalEvent) -> Bool {
        if event.kind == .filed {
            guard let task = event.task, byID[task.id] == nil else { return false }
            insert(task)
            seenEvents[task.id] = [event.id]
            return true
        }
        guard var task = byID[event.taskID], seenEvents[task.id, default: []].insert(event.id).inserted else { return false }
        update(&task, with: event)
        task.updatedAt = max(task.updatedAt, event.at)
        if let note = event.note, !note.isEmpty, event.kind.carriesHumanNote { task.lastNote = note }
        byID[task.id] = task
        return true
    }

    /// Takes the tasks `isDone` picks out of the book (with their mention and thread entries, and the ids of their
    /// events) and returns them, in filing order. What a long-running fold retires: tasks closed long ago.
    package mutating func retire(where isDone: (ResponseTask) -> Bool) -> [ResponseTask] {
        let retired = tasks.filter(isDone)
        guard !retired.isEmpty else { return [] }
        let gone = Set(retired.map(\.id))
        order.removeAll { gone.contains($0) }
        for id in gone {
            byID[id] = nil
            seenEvents[id] = nil
        }
        mentionIndex = mentionIndex.filter { !gone.contains($0.value) }
        let liveThreads = Set(byID.values.map(\.threadID))
        threadIndex = threadIndex.filter { liveThreads.contains($0.value) }
        for thread in Set(retired.map(\.threadID)) {
            threadMembers[thread]?.removeAll { gone.contains($0) }
            if threadMembers[thread]?.isEmpty == true { threadMembers[thread] = nil }
        }
        return retired
    }

    private mutating func insert(_ task: ResponseTask) {
        guard byID[task.id] == nil else { return }
        byID[task.id] = task
        order.append(task.id)
        threadMembers[task.threadID, default: []].append(task.id)
        for mention in task.allMentionIDs { mentionIndex[mention] = task.id }
        for key in task.threadKeys where threadIndex[key] == nil { threadIndex[key] = task.threadID }
    }

    private mutating func update(_ task: inout ResponseTask, with event: JournalEvent) {
        switch event.kind {
        case .filed, .noted, .notificationSent, .notificationFailed, .notificationUncertain:
            break
        case .acknowledged:
            task.state = .acknowledged
        case .replyIntent:
            break
        case .replied:
            // A reply is the acknowledgement; a closed or resolved task stays where it is.
            if task.state == .filed { task.state = .acknowledged }
            if task.repliedAt == nil {
                task.repliedAt = event.at
                task.replyURL = event.reply?.url
            }
        case .resolved:
            task.state = .resolved
        case .closed:
            task.state = .closed
            task.confirmed = true
        case .reopened:
            task.state = .filed
            if let deadline = event.deadline { task.deadline = deadline }
            task.warned = false
            task.escalationLevel = -1
            task.confirmed = false
            for key in event.threadKeys ?? [] where threadIndex[key] == nil { threadIndex[key] = task.threadID }
            if let mention = event.mentionID, !task.allMentionIDs.contains(mention) {
                task.relatedMentionIDs.append(mention)
                mentionIndex[mention] = task.id
            }
        case .escalated where event.escalationReason == .ended:
            task.endNotifiedAt = event.at
        case .escalated:
            task.escalationLevel = max(task.escalationLevel, event.level ?? 0)
        case .warned:
            task.warned = true
        case .crisisUpdated:
            task.crisisLevel = event.detail.flatMap(Crisis.Stage.init(rawValue:)) ?? task.crisisLevel
            task.crisisChangedAt = event.at
            if let deadline = event.deadline { task.deadline = deadline }
        }
    }

    private static func nearest(_ id: String, _ ids: [String]) -> String? {
        ids.min { commonPrefix(id, $0) > commonPrefix(id, $1) }.flatMap { commonPrefix(id, $0) >= 3 ? $0 : nil }
    }

    private static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}

extension JournalEvent.Kind {
    /// Notes people wrote (shown as the task's last note), as opposed to system detail.
    var carriesHumanNote: Bool {
        switch self {
        case .acknowledged, .resolved, .closed, .reopened, .noted: true
        default: false
        }
    }
}
