import Foundation
import ReputationCore

/// What the report still reads of a task retired from the book (`TaskLedger`) while it is inside the report window:
/// its figures, not its post, reply or checklist (those stay in the journal). Times are seconds since 1970, so the
/// checkpoint holding thousands of these decodes quickly. A crisis or source-health task, rare and shown with its
/// summary, is kept whole.
struct RetiredTask: Sendable, Codable, Equatable {
    var id, mentionID, kind, state, priority, channel: String
    var intent: String?
    var filedAt, deadline, updatedAt: Double
    var repliedAt: Double?
    /// The report's figures for it (`TaskHistory.Aggregates`): the deadline it was filed with, its first response.
    var firstDeadline: Double?
    var firstResponse: Double?
    /// Who gave the first response and how it is known (`TaskHistory.FirstResponse`), for the per-person table.
    var firstResponseBy: String?
    var firstResponseBasis: TaskHistory.FirstResponse.Basis?
    var confirmed: Bool
    var whole: ResponseTask?

    // Stored as one array per task, in this order (the checkpoint's header holds thousands: an array costs a
    // fraction of a keyed object to decode and to keep in memory while decoding):
    // [id, mention_id, kind, state, priority, channel, intent, filed_at, deadline, updated_at, replied_at,
    //  first_deadline, first_response, first_response_by, first_response_basis, confirmed, whole]
    func encode(to encoder: Encoder) throws {
        var row = encoder.unkeyedContainer()
        for text in [id, mentionID, kind, state, priority, channel] { try row.encode(text) }
        try row.encode(intent)
        for time in [filedAt, deadline, updatedAt] { try row.encode(time) }
        for time in [repliedAt, firstDeadline, firstResponse] { try row.encode(time) }
        try row.encode(firstResponseBy)
        try row.encode(firstResponseBasis)
        try row.encode(confirmed)
        try row.encode(whole)
    }

    init(from decoder: Decoder) throws {
        var row = try decoder.unkeyedContainer()
        id = try row.decode(String.self)
        mentionID = try row.decode(String.self)
        kind = try row.decode(String.self)
        state = try row.decode(String.self)
        priority = try row.decode(String.self)
        channel = try row.decode(String.self)
        intent = try row.decode(String?.self)
        filedAt = try row.decode(Double.self)
        deadline = try row.decode(Double.self)
        updatedAt = try row.decode(Double.self)
        repliedAt = try row.decode(Double?.self)
        firstDeadline = try row.decode(Double?.self)
        firstResponse = try row.decode(Double?.self)
        firstResponseBy = try row.decode(String?.self)
        firstResponseBasis = try row.decode(TaskHistory.FirstResponse.Basis?.self)
        confirmed = try row.decode(Bool.self)
        whole = try row.decode(ResponseTask?.self)
    }

    init(_ task: ResponseTask, firstDeadline: Date?, firstResponse: TaskHistory.FirstResponse?) {
        self.firstDeadline = firstDeadline?.timeIntervalSince1970
        self.firstResponse = firstResponse?.at.timeIntervalSince1970
        firstResponseBy = firstResponse?.by
        firstResponseBasis = firstResponse?.basis
        id = task.id
        mentionID = task.mentionID
        kind = task.kind.rawValue
        state = task.state.rawValue
        priority = task.priority.rawValue
        channel = task.channel
        intent = task.intent?.rawValue
        filedAt = task.filedAt.timeIntervalSince1970
        deadline = task.deadline.timeIntervalSince1970
        updatedAt = task.updatedAt.timeIntervalSince1970
        repliedAt = task.repliedAt?.timeIntervalSince1970
        confirmed = task.confirmed
        whole = task.kind == .response ? nil : task
    }

    /// The task as the report reads it (its text and reply empty for a response task).
    var task: ResponseTask? {
        if let whole { return whole }
        guard let kind = ResponseTask.Kind(rawValue: kind), let state = ResponseTask.State(rawValue: state),
            let priority = ResponseTask.Priority(rawValue: priority)
        else { return nil }
        var task = ResponseTask(
            id: id, mentionID: mentionID, kind: kind, state: state, priority: priority,
            filedAt: Date(timeIntervalSince1970: filedAt), deadline: Date(timeIntervalSince1970: deadline),
            channel: channel, author: Author(), url: nil, text: "", language: "", reasons: [], suggestedReply: "",
            threadID: id)
        task.intent = intent.flatMap(Intent.init(rawValue:))
        task.updatedAt = Date(timeIntervalSince1970: updatedAt)
        task.repliedAt = repliedAt.map(Date.init(timeIntervalSince1970:))
        task.confirmed = confirmed
        return task
    }

    /// The first response as the report reads it (a copy without who or how counts as an acknowledgement).
    var firstResponseRecord: TaskHistory.FirstResponse? {
        firstResponse.map {
            TaskHistory.FirstResponse(
                at: Date(timeIntervalSince1970: $0), by: firstResponseBy ?? "", basis: firstResponseBasis ?? .acknowledgement)
        }
    }

    var filedDate: Date { Date(timeIntervalSince1970: filedAt) }
    var updatedDate: Date { Date(timeIntervalSince1970: updatedAt) }
}
