import Foundation
import ReputationCore

extension Report {
    /// The table per person: replies each one sent in the window, the first responses they gave to the window's
    /// tasks (median, p90, share within the SLA), and the tasks they closed with the customer's confirmation.
    /// A person is the name journaled with the step (`--by`, else the user who ran the command).
    static func people(
        _ history: TaskHistory, tasks: [TaskHistory.Record], mentions: [ReportMention], from start: Date,
        to end: Date
    ) -> [Person] {
        let inWindow = { (step: TaskHistory.Step) in step.at >= start && step.at <= end }
        let postedAt = Dictionary(mentions.map { ($0.id, $0.countedAt) }, uniquingKeysWith: min)
        var replies: [String: Int] = [:]
        for step in history.replies where inWindow(step) { replies[step.by, default: 0] += 1 }
        var closed: [String: Set<String>] = [:]
        for step in history.closings where inWindow(step) { closed[step.by, default: []].insert(step.taskID) }
        var answered: [String: [(seconds: Double, inTime: Bool, outside: Bool)]] = [:]
        for record in tasks where record.task.kind != .sourceHealth {
            guard let response = record.firstResponse else { continue }
            answered[response.by, default: []].append(
                (firstResponseSeconds(response, record, postedAt: postedAt), response.at <= record.firstDeadline,
                 response.basis == .acknowledgement))
        }
        let names = Set(replies.keys).union(closed.keys).union(answered.keys)
        return names.map { name in
            let mine = answered[name] ?? []
            let times = mine.map(\.seconds)
            let within = mine.count { $0.inTime }
            return Person(
                person: name, repliesSent: replies[name] ?? 0, firstResponses: mine.count,
                outsideVigia: mine.count { $0.outside }, medianSeconds: ReportMath.percentile(times, 50),
                p90Seconds: ReportMath.percentile(times, 90), withinSLA: within,
                withinSLAShare: mine.isEmpty ? nil : Double(within) * 100 / Double(mine.count),
                closedConfirmed: closed[name]?.count ?? 0)
        }.sorted { ($0.repliesSent, $0.firstResponses, $1.person) > ($1.repliesSent, $1.firstResponses, $0.person) }
    }
}
