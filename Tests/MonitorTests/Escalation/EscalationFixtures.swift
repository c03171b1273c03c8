import Foundation
import ReputationCore
import XCTest

@testable import Monitor

/// A temporary alerts folder, settings with a three-level ladder, and mentions to file.
struct EscalationFixtures {
    let root: URL
    var alerts: URL { root.appendingPathComponent("alerts") }
    var inbox: URL { root.appendingPathComponent("inbox") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-tasks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static let madrid = TimeZone(identifier: "Europe/Madrid")!

    static func madridTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = madrid
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func settings(smtpPort: Int?, hours: BusinessHours = .alwaysOpen) -> TaskSettings {
        var settings = TaskSettings(
            businessHours: hours,
            ladder: [
                LadderLevel(name: "community manager", after: 0, emails: ["cm@example.com"], crisisLevel: .warning),
                LadderLevel(name: "team lead", after: 3600, emails: ["lead@example.com"], crisisLevel: .warning),
                LadderLevel(name: "crisis committee", after: 4 * 3600, emails: ["committee@example.org", "legal@example.org"], crisisLevel: .crisis),
            ],
            signature: "EQ")
        settings.notifiers.retryBase = 60
        settings.notifiers.retryMax = 600
        if let smtpPort {
            settings.notifiers.smtp = NotifierSettings.SMTP(url: "smtp://127.0.0.1:\(smtpPort)", from: "Vigía <vigia@example.com>", timeout: 5)
        }
        return settings
    }

    static func complaint(id: String, postedAt: Date, handle: String = "@ana_g", text: String = "Mi pedido llegó roto, fatal") -> AssessedMention {
        let mention = Mention(
            id: id, sources: ["tw"], channel: "twitter", author: Author(name: "Ana García", handle: handle, reach: 120),
            text: text, url: "https://twitter.example/\(id)", publishedAt: postedAt, fetchedAt: postedAt)
        return AssessedMention(
            mention: mention,
            sentiment: Sentiment(score: -0.7, label: .negative, language: "es", terms: [.init(text: "fatal", weight: -0.8)]),
            triage: Triage(intent: .complaint, categories: ["defect"]))
    }

    /// Received mail files, oldest first, as text.
    func mails() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { try String(contentsOf: inbox.appendingPathComponent($0), encoding: .utf8) }
    }

    func journalLines() throws -> [String] {
        let text = try String(contentsOf: alerts.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }
}

extension String {
    /// The value of a header in a raw message (first match, unfolded).
    func header(_ name: String) -> String? {
        for line in components(separatedBy: "\r\n") + components(separatedBy: "\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
