import Foundation
@testable import ReputationCore

/// Builders for task tests: mentions as the pipeline would assess them, and fixed instants.
enum TaskFixtures {
    static let madrid = TimeZone(identifier: "Europe/Madrid")!

    /// A local Madrid wall time.
    static func madridTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = madrid
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func assessed(
        id: String, text: String, channel: String = "twitter", handle: String? = "@ana_g", name: String? = "Ana García",
        reach: Int? = 300, label: Sentiment.Label = .negative, language: String = "es", categories: [String] = [],
        question: Bool = false, privateData: [Triage.PrivateData] = [], legalThreat: Bool = false,
        intent: Intent? = nil, postedAt: Date
    ) -> AssessedMention {
        let mention = Mention(
            id: id, sources: [channel], channel: channel, author: Author(name: name, handle: handle, reach: reach),
            text: text, url: "https://\(channel).example/\(id)", publishedAt: postedAt, fetchedAt: postedAt)
        let terms = label == .negative ? [Sentiment.Term(text: "fatal", weight: -0.8)] : []
        let sentiment = Sentiment(score: label == .negative ? -0.6 : 0.5, label: label, language: language, terms: terms)
        // Without an intent given, the one the assessment would most likely read.
        let intent = intent ?? (legalThreat || !categories.isEmpty ? .complaint : question ? .question
            : label == .negative ? .complaint : .other)
        let triage = Triage(intent: intent, categories: categories, isQuestion: question, privateData: privateData,
                            legalThreat: legalThreat)
        return AssessedMention(mention: mention, sentiment: sentiment, triage: triage)
    }

    static var ladder: [LadderLevel] {
        [
            LadderLevel(name: "community manager", after: 0, emails: ["cm@example.com"], crisisLevel: .warning),
            LadderLevel(name: "team lead", after: 3600, emails: ["lead@example.com"], crisisLevel: .warning),
            LadderLevel(name: "crisis committee", after: 4 * 3600, emails: ["committee@example.org"], crisisLevel: .crisis),
        ]
    }

    static func settings(hours: BusinessHours = .alwaysOpen) -> TaskSettings {
        TaskSettings(businessHours: hours, ladder: ladder, signature: "EQ")
    }

    /// Monday–Friday 09:00–20:00, Saturday 10:00–14:00, Madrid.
    static var officeHours: BusinessHours {
        let weekday = [BusinessHours.Span(open: 9 * 60, close: 20 * 60)]
        let week: [[BusinessHours.Span]] = [[], weekday, weekday, weekday, weekday, weekday, [.init(open: 600, close: 840)]]
        return BusinessHours(week: week, timeZone: madrid, holidays: ["2026-12-25"])
    }

    static func file(_ mentions: [AssessedMention], into book: inout TaskBook, settings: TaskSettings, now: Date) -> [JournalEvent] {
        let events = TaskFiling.events(for: mentions, crises: [], book: book, settings: settings, now: now)
        for event in events { book.apply(event) }
        return events
    }
}
