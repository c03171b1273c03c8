import Foundation
import XCTest
@testable import ReputationCore

final class ReplyComposerTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func reply(
        _ id: String, section: ReplyTemplates.Section = .complaint, language: String = "es",
        author: Author = Author(name: "Ana García", handle: "@ana_g"), data: [String] = [], details: Bool = true,
        settings: TaskSettings = TaskFixtures.settings()
    ) -> String {
        ReplyComposer.reply(
            .init(taskID: id, section: section, language: language, author: author, channel: "twitter", exposedData: data,
                  needsDetails: details),
            settings: settings)
    }

    func testSpanishComplaintReply() {
        let text = reply("t-1")
        XCTAssertTrue(text.contains("@ana_g"), "on a network of handles the reply greets the handle: \(text)")
        XCTAssertTrue(text.lowercased().contains("sent") || text.lowercased().contains("siento") || text.lowercased().contains("lament"), text)
        XCTAssertTrue(text.contains("privado"), "private data is asked for privately: \(text)")
        XCTAssertTrue(text.hasSuffix("EQ.") || text.hasSuffix("^EQ"), text)
        XCTAssertNil(NoDeletionPolicy.removal(inText: text))
    }

    func testEnglishAndHandleFallback() {
        let text = reply("t-2", section: .question, language: "en", author: Author(handle: "bob"))
        XCTAssertTrue(text.hasPrefix("Hi @bob") || text.hasPrefix("Hello @bob"), text)
        XCTAssertTrue(text.contains("private"), text)
    }

    func testNoNameLeavesNoGap() {
        let text = reply("t-3", author: Author())
        XCTAssertFalse(text.contains(" ,"), text)
        XCTAssertFalse(text.hasPrefix(","), text)
    }

    func testExposedDataIsRaisedPrivately() {
        let text = reply("t-4", data: ["phone"])
        XCTAssertTrue(text.contains("teléfono"), text)
        XCTAssertTrue(text.contains("privad"), text)
    }

    func testHoursAreToldWhenNotAroundTheClock() {
        let text = reply("t-5", settings: TaskFixtures.settings(hours: TaskFixtures.officeHours))
        XCTAssertTrue(text.contains("lun–vie 09:00–20:00"), text)
        XCTAssertFalse(reply("t-5").contains("09:00"))
    }

    func testWordingVariesBetweenTasksButNotWithinOne() {
        let replies = Set((0..<30).map { reply("t-\($0)") })
        XCTAssertGreaterThan(replies.count, 3, "several templates are used")
        XCTAssertEqual(reply("t-7"), reply("t-7"))
    }

    func testBuiltInTemplatesCoverEverySectionInBothLanguages() {
        for language in ["es", "en"] {
            for section in ReplyTemplates.Section.allCases {
                XCTAssertGreaterThanOrEqual(
                    ReplyTemplates.builtIn.languages[language]?[section]?.count ?? 0, 2, "\(language) \(section)")
            }
        }
    }

    func testTemplatesRefuseRemovalWordingAndArguing() {
        let cases = [
            "[complaint]\nHola {name}, hemos borrado tu comentario.",
            "[complaint]\nHi {name}, we will hide this post.",
            "[comment]\nHi {name}, we blocked the account.",
            "[comment]\nHi {name}, we reported your post.",
        ]
        for text in cases {
            XCTAssertThrowsError(try ReplyTemplates.parse(text, file: "t.txt"), text) { error in
                guard case .forbiddenAction = error as? TaskError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try ReplyTemplates.parse("[comment]\nHola {name}, eso no es cierto.", file: "t.txt"))
        XCTAssertThrowsError(try ReplyTemplates.parse("[comment]\nHola {nombre}.", file: "t.txt"))
        XCTAssertThrowsError(try ReplyTemplates.parse("[saludo]\nHola.", file: "t.txt"))
        XCTAssertThrowsError(try ReplyTemplates.parse("Hola.", file: "t.txt"))
    }
}

extension ReplyComposerTests {
    private func greet(_ author: Author, _ channel: String = "blog") -> String {
        ReplyName.greeting(for: author, channel: channel)
    }

    func testNamesKeepTheWholeNameWithoutBio() {
        XCTAssertEqual(greet(Author(name: "Lucía Arranz · interiores")), "Lucía Arranz")
        XCTAssertEqual(greet(Author(name: "Tom | design notes")), "Tom")
        XCTAssertEqual(greet(Author(name: "Tu Hogar Ideal")), "Tu Hogar Ideal")
        XCTAssertEqual(greet(Author(handle: "@pepe")), "@pepe")
        XCTAssertEqual(greet(Author()), "")
    }

    func testGreetingsFollowTheChannel() {
        let author = Author(name: "Ana García", handle: "@ana_g")
        XCTAssertEqual(greet(Author(name: "Ana", handle: "u/ana_g"), "reddit"), "u/ana_g")
        XCTAssertEqual(greet(Author(name: nil, handle: "ana_g"), "reddit"), "u/ana_g")
        XCTAssertEqual(greet(author, "x"), "@ana_g")
        XCTAssertEqual(greet(Author(name: "Kate W.", handle: "kate_w@mastodon.online"), "mastodon"),
                       "@kate_w@mastodon.online")
        XCTAssertEqual(greet(author, "blog"), "Ana García")
    }

    /// Issue 13 item 10: the brand posts the reply publicly, so a hostile display name never goes in verbatim.
    func testHostileNamesAreSanitised() {
        XCTAssertEqual(greet(Author(name: "Ana https://casaalba-reembolsos.example/login")), "Ana")
        XCTAssertEqual(greet(Author(name: "Ana casaalba-soporte.com")), "Ana")
        XCTAssertEqual(greet(Author(name: "Ana @everyone @casaalba_oficial")), "Ana")
        XCTAssertEqual(greet(Author(name: "Ana\u{202E}lanif\u{202C} García")), "Ana lanif García")
        XCTAssertEqual(greet(Author(name: "Ana\nRT to win a prize")), "Ana RT to win a prize")
        XCTAssertEqual(greet(Author(name: "Ana\u{200B}\u{2066}")), "Ana")
        let long = greet(Author(name: String(repeating: "Nombre ", count: 30)))
        XCTAssertLessThanOrEqual(long.count, ReplyName.maximumLength)
        XCTAssertFalse(long.isEmpty)
        // Nothing readable left: the handle, else no name.
        XCTAssertEqual(greet(Author(name: "https://scam.example @x", handle: "@real_one")), "@real_one")
        XCTAssertEqual(greet(Author(name: "www.scam.example", handle: "bad handle\u{7}")), "")
        let text = reply("t-9", author: Author(name: "Ana https://scam.example\u{202E}", handle: nil))
        XCTAssertFalse(text.contains("scam"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.properties.generalCategory == .format }, text)
    }
}
