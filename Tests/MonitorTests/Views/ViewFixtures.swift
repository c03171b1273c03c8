import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// Builds alerts/ content the way a poll does: assessed mentions, then the tasks engine's own filing
/// (`TaskFiling.events`) into a journal, then people acknowledging and closing.
enum ViewFixtures {
    /// Monday 2026-11-23 12:00 UTC.
    static let now = ISOTime.parse("2026-11-23T12:00:00Z")!
    static let hostileScript = "<script>document.title='PWNED-SCRIPT'</script> ¡Pésimo servicio!"
    static let hostileImage = "<img src=x onerror=\"document.title='PWNED-IMG'\"> never again | *bold* `code`"

    static func mention(
        _ id: String, _ text: String, hoursAgo: Double, channel: String = "twitter", label: Sentiment.Label,
        categories: [String] = [], handle: String? = nil, reach: Int? = nil, question: Bool = false
    ) -> AssessedMention {
        let posted = now.addingTimeInterval(-hoursAgo * 3600)
        let mention = Mention(
            id: id, sources: ["feed-\(channel)"], channel: channel,
            author: Author(name: "Name \(id)", handle: handle ?? "@user\(id)", reach: reach), text: text,
            url: "https://example.social/\(channel)/\(id)", publishedAt: posted,
            fetchedAt: posted.addingTimeInterval(60))
        let score = label == .negative ? -0.6 : label == .positive ? 0.6 : 0
        return AssessedMention(
            mention: mention, sentiment: Sentiment(score: score, label: label, language: "es", terms: []),
            triage: Triage(intent: !categories.isEmpty ? .complaint : question ? .question
                               : label == .negative ? .complaint : .other,
                           categories: categories, isQuestion: question))
    }

    /// A week of mentions: a quiet start, a late-delivery surge two days ago, two hostile posts today.
    static func weekOfMentions() -> [AssessedMention] {
        var mentions: [AssessedMention] = []
        for day in 0..<7 {
            for index in 0..<3 {
                mentions.append(
                    mention(
                        "p\(day)-\(index)", "Me encanta Casa Alba, gracias", hoursAgo: Double(day * 24 + index + 1),
                        channel: index == 0 ? "mastodon" : "twitter", label: .positive))
            }
        }
        for index in 0..<6 {
            mentions.append(
                mention(
                    "late\(index)", "Mi pedido no llega, tarde otra vez", hoursAgo: 48 + Double(index),
                    label: .negative, categories: ["late_delivery"]))
        }
        mentions.append(
            mention(
                "refund1", "Quiero mi reembolso ya", hoursAgo: 100, channel: "reddit", label: .negative,
                categories: ["refund"]))
        mentions.append(
            mention("x1", hostileScript, hoursAgo: 3, label: .negative, categories: ["defect"], reach: 25_000))
        mentions.append(
            mention(
                "x2", hostileImage, hoursAgo: 2, channel: "mastodon", label: .negative,
                categories: ["defect"]))
        return mentions
    }

    /// The episode began in the bucket of 06:00 UTC; a later event is raised by the bucket closing `hoursAgo`.
    static func crisisEvent(_ kind: Crisis.Event.Kind, level: Crisis.Level, hoursAgo: Double) -> Crisis.Event {
        let bucket = kind == .started
            ? ISOTime.parse("2026-11-21T06:00:00Z")! : now.addingTimeInterval(-hoursAgo * 3600 - 300)
        return Crisis.Event(
            kind: kind, scope: .category("late_delivery"), level: level,
            bucketStart: bucket, count: 6, negativeCount: 6, baseline: 0.5,
            threshold: 3, windowMinutes: 120,
            explanation: "category late_delivery: 6 mentions in 120 min vs baseline 0.5")
    }

    /// Files tasks for the week as successive polls would, then acknowledges and closes some of them.
    static func journal(for mentions: [AssessedMention], settings: TaskSettings = .default) -> [JournalEvent] {
        var book = TaskBook()
        var events: [JournalEvent] = []
        func record(_ new: [JournalEvent]) {
            for event in new { book.apply(event) }
            events += new
        }
        for assessed in mentions.sorted(by: { $0.mention.postedAt < $1.mention.postedAt }) {
            let filedAt = assessed.mention.postedAt.addingTimeInterval(120)
            record(TaskFiling.events(for: [assessed], crises: [], book: book, settings: settings, now: filedAt))
        }
        let crisisStart = now.addingTimeInterval(-46 * 3600)
        record(
            TaskFiling.events(
                for: [], crises: [crisisEvent(.started, level: .warning, hoursAgo: 46)], book: book,
                settings: settings, now: crisisStart))
        record(
            TaskFiling.events(
                for: [], crises: [crisisEvent(.escalated, level: .crisis, hoursAgo: 45)], book: book,
                settings: settings, now: crisisStart.addingTimeInterval(3600)))
        record(
            TaskFiling.events(
                for: [], crises: [crisisEvent(.ended, level: .crisis, hoursAgo: 40)], book: book,
                settings: settings, now: crisisStart.addingTimeInterval(6 * 3600)))
        // The late-delivery complaints: four answered within 10 minutes of filing, one after two hours; one closed.
        for (index, task) in book.tasks.filter({ $0.mentionID.hasPrefix("late") }).enumerated() {
            let delay: TimeInterval = index == 4 ? 7200 : 600
            record([
                JournalEvent(
                    at: task.filedAt.addingTimeInterval(delay), kind: .acknowledged, taskID: task.id, by: "ana")
            ])
            if index == 0 {
                record([
                    JournalEvent(at: task.filedAt.addingTimeInterval(3600), kind: .resolved, taskID: task.id, by: "ana")
                ])
                record([
                    JournalEvent(at: task.filedAt.addingTimeInterval(7200), kind: .closed, taskID: task.id, by: "ana")
                ])
            }
        }
        return events
    }

    static func settings(zone: String = "Europe/Madrid") -> MonitorSettings {
        var settings = MonitorSettings()
        settings.brand = MonitorSettings.Brand(name: "Casa Alba", terms: ["casa alba"])
        settings.timeZone = TimeZone(identifier: zone)!
        return settings
    }

    /// A fresh alerts/ folder with the week's journal and mention log, written through the real stores.
    static func alertsFolder(_ mentions: [AssessedMention] = weekOfMentions()) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-views-\(UUID().uuidString)")
        try JournalFile(url: folder.appendingPathComponent("journal.jsonl")).append(journal(for: mentions))
        let log = MentionLog(alertsFolder: folder)
        for assessed in mentions { try log.append([assessed], recordedAt: assessed.mention.fetchedAt) }
        return folder
    }
}
