import Foundation
import ReputationCore
import XCTest

@testable import Monitor

final class TaskSettingsReadingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// The repository's feeds/ folder (the shipped demo and templates).
    private var repoFeeds: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("feeds")
    }

    private func read(_ json: String, environment: [String: String] = [:], feeds: URL? = nil) throws -> TaskSettings {
        let root = try ConfigObject.parse(Data(json.utf8), file: "monitor.json")
        return try TaskSettings(reading: root, feedsFolder: feeds ?? folder, environment: environment)
    }

    private func assertConfigError(_ json: String, _ check: (ConfigError) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try read(json), file: file, line: line) { error in
            guard let error = error as? ConfigError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(check(error), "\(error)", file: file, line: line)
        }
    }

    func testShippedDemoSettingsAndTemplatesLoad() throws {
        let data = try Data(contentsOf: repoFeeds.appendingPathComponent("monitor.json"))
        let root = try ConfigObject.parse(data, file: "monitor.json")
        let settings = try TaskSettings(reading: root, feedsFolder: repoFeeds, environment: ["VIGIA_SMTP_URL": "smtp://127.0.0.1:2525"])
        XCTAssertEqual(settings.ladder.map(\.name), ["community manager", "team lead", "crisis committee", "press office"])
        XCTAssertEqual(settings.ladder.map(\.press), [false, false, false, true])
        XCTAssertEqual(settings.policy.press, 4 * 3600)
        XCTAssertEqual(settings.policy.praise, 86_400)
        XCTAssertEqual(settings.faq(language: "es").answer(for: "¿hacéis envíos a Canarias?")?.hasPrefix("Sí, enviamos a Canarias"), true)
        XCTAssertEqual(settings.ladder[1].after, 3600)
        XCTAssertEqual(settings.policy.complaint, 1800)
        XCTAssertEqual(settings.policy.crisis, 900)
        XCTAssertEqual(settings.notifiers.smtp?.url, "smtp://127.0.0.1:2525")
        XCTAssertEqual(settings.notifiers.smtp?.from, "Vigía <vigia@example.com>")
        XCTAssertFalse(settings.businessHours.isAlwaysOpen)
        XCTAssertEqual(settings.businessHours.timeZone.identifier, "Europe/Madrid")
        XCTAssertEqual(settings.signature, "EQ")
        for language in ["es", "en"] {
            for section in ReplyTemplates.Section.allCases {
                XCTAssertGreaterThanOrEqual(settings.templates.languages[language]?[section]?.count ?? 0, 2, "\(language) \(section)")
            }
        }
        XCTAssertNil(try TaskSettings(reading: ConfigObject.parse(data, file: "m"), feedsFolder: repoFeeds, environment: [:]).notifiers.smtp,
                     "no server without VIGIA_SMTP_URL or a url: messages wait in the outbox")
    }

    func testDefaultsWhenNothingIsConfigured() throws {
        let settings = try read("{}")
        XCTAssertEqual(settings.policy, TaskPolicy())
        XCTAssertTrue(settings.ladder.isEmpty)
        XCTAssertTrue(settings.businessHours.isAlwaysOpen)
        XCTAssertEqual(settings.templates, .builtIn)
    }

    func testEnvironmentOverridesAndCredentials() throws {
        let json = #"{"notifiers": {"smtp": {"url": "smtps://mail.example.com", "from": "a@example.com"}}}"#
        XCTAssertEqual(try read(json).notifiers.smtp?.url, "smtps://mail.example.com")
        let settings = try read(json, environment: ["VIGIA_SMTP_URL": "smtp://127.0.0.1:25", "VIGIA_SMTP_USER": "u", "VIGIA_SMTP_PASSWORD": "p"])
        XCTAssertEqual(settings.notifiers.smtp?.url, "smtp://127.0.0.1:25")
        XCTAssertEqual(settings.notifiers.smtp?.username, "u")
        XCTAssertEqual(settings.notifiers.smtp?.password, "p")
        assertConfigError(#"{"notifiers": {"webhooks": [{"name": "w", "url": "${HOOK_URL}"}]}}"#) {
            if case .missingEnvironment(_, _, "HOOK_URL") = $0 { return true } else { return false }
        }
    }

    func testStrictKeysWithSuggestions() {
        assertConfigError(#"{"escalation": {"levels": [{"name": "cm", "aftr": "1h"}]}}"#) {
            $0 == .unknownKey(file: "monitor.json", key: "escalation.levels[0].aftr", suggestion: "after")
        }
        assertConfigError(#"{"policy": {"complaint": "soon"}}"#) {
            if case .invalid(_, "policy.complaint", _, _) = $0 { return true } else { return false }
        }
        assertConfigError(#"{"business_hours": {"mon-fry": "09:00-18:00"}}"#) {
            if case .unknownKey(_, "business_hours.mon-fry", _) = $0 { return true } else { return false }
        }
        assertConfigError(#"{"business_hours": {"mon": "9-18"}}"#) {
            if case .invalid = $0 { return true } else { return false }
        }
        assertConfigError(#"{"escalation": {"levels": [{"name": "cm", "webhooks": ["nope"]}]}}"#) {
            if case .invalid(_, "escalation.levels[0].webhooks", _, _) = $0 { return true } else { return false }
        }
    }

    func testRemovalActionsAreRefused() {
        for action in ["delete", "hide_post", "block user", "report"] {
            assertConfigError(#"{"escalation": {"levels": [{"name": "cm", "actions": ["\#(action)"]}]}}"#) {
                guard case .forbiddenAction = $0 else { return false }
                return $0.description.contains("criticism is answered, not removed")
            }
        }
    }

    func testTemplatesWithRemovalWordingAreRefused() throws {
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "[complaint]\nHola {name}, vamos a ocultar tu comentario.\n".write(
            to: templates.appendingPathComponent("replies.es.txt"), atomically: true, encoding: .utf8)
        assertConfigError("{}") {
            guard case let .forbiddenAction(file, _, _) = $0 else { return false }
            return file.hasSuffix("replies.es.txt:2")
        }
    }
}

extension TaskSettingsReadingTests {
    func testFAQFilesLoadPerLanguageAndBadLinesNameFileAndLine() throws {
        let faq = folder.appendingPathComponent("faq.es.txt")
        try "? envi* canarias\n= Sí, enviamos a Canarias.\n".write(to: faq, atomically: true, encoding: .utf8)
        let settings = try read(#"{"policy": {"praise": "12h", "press": "2h"}}"#)
        XCTAssertEqual(settings.faq(language: "es").answer(for: "¿Enviáis a Canarias?"), "Sí, enviamos a Canarias.")
        XCTAssertTrue(settings.faq(language: "en").isEmpty)
        XCTAssertEqual(settings.policy.praise, 12 * 3600)
        XCTAssertEqual(settings.policy.press, 2 * 3600)
        try "# ok\n? envio\nsin marca\n".write(to: faq, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try read("{}")) { error in
            XCTAssertTrue("\(error)".contains("faq.es.txt"), "\(error)")
            XCTAssertTrue("\(error)".contains("line 3"), "\(error)")
        }
        try "? envio\n= Borrad el tuit y os lo enviamos\n".write(to: faq, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try read("{}"), "removal wording is refused in answers too")
        assertConfigError(#"{"policy": {"press": "10s"}}"#) { "\($0)".contains("policy.press") }
        assertConfigError(#"{"escalation": {"levels": [{"name": "press", "press": "yes"}]}}"#) { "\($0)".contains("press") }
    }
}
