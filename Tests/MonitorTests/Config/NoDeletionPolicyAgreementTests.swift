import Foundation
import ReputationCore
import XCTest
@testable import Monitor

/// The command line, the configuration guard and the task actions read one no-deletion policy: on a table of
/// wordings they refuse the same words, naming the same removal, and let the same ordinary words through.
final class NoDeletionPolicyAgreementTests: XCTestCase {
    /// Word → the removal each place must name (nil: not a removal).
    let table: [(String, String?)] = [
        ("delete", "delete"), ("hide_post", "hide"), ("block user", "block"), ("report", "report"), ("rm", "rm"),
        ("auto_delete", "delete"), ("auto-hide", "hide"), ("purge", "purge"), ("mute", "mute"), ("Borrar", "borrar"),
        ("ocultamos", "ocult"), ("denunciar", "denunci"), ("report_post", "report"), ("deleted", "delet"),
        ("reply_publicly", nil), ("reply privately", nil), ("escalate", nil), ("follow_up", nil), ("note", nil),
        ("unblock", nil), ("ask_to_remove_private_data", nil),
    ]

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-nodeletion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func testTheThreePlacesAgree() throws {
        for (word, removal) in table {
            XCTAssertEqual(NoDeletionPolicy.removal(asAction: word), removal, word)
            XCTAssertEqual(try cli(word), removal, "command line: \(word)")
            XCTAssertEqual(try configuration(word), removal, "configuration: \(word)")
            XCTAssertEqual(try taskActions(word), removal, "task actions: \(word)")
        }
    }

    /// A key names a thing, so only a leading removal word (or "report" plus what is reported) is refused there.
    func testKeysAreReadAsNames() throws {
        for (key, removal) in [("delete_after", "delete"), ("auto_hide", "hide"), ("report_post", "report"),
                               ("report", nil), ("hidden_fields", nil), ("ask_to_remove_private_data", nil)] {
            XCTAssertEqual(NoDeletionPolicy.removal(asKey: key), removal, key)
            let url = folder.appendingPathComponent("monitor.json")
            try Data(#"{"brand": {"\#(key)": 1}}"#.utf8).write(to: url)
            let refusal = forbidden { () throws(ConfigError) in _ = try Configuration.readObject(url, display: "monitor.json") }
            XCTAssertEqual(refusal?.action, removal, key)
            if let refusal { XCTAssertEqual(refusal.key, "brand.\(key)") }
        }
    }

    /// `vigia alerts --WORD`: an unknown option that asks for a removal is refused with the reason.
    private func cli(_ word: String) throws -> String? {
        do {
            _ = try CommandParser.parse(["alerts", "--" + word])
            return nil
        } catch {
            guard error.message.contains("answered, not removed") else { return nil }
            return try XCTUnwrap(error.message.split(separator: "'").dropFirst(3).first.map(String.init), error.message)
        }
    }

    /// An action in a ladder level of `monitor.json`, read the way `vigia` reads the file.
    private func configuration(_ word: String) throws -> String? {
        let url = folder.appendingPathComponent("monitor.json")
        try Data(#"{"escalation": {"levels": [{"name": "cm", "actions": ["\#(word)"]}]}}"#.utf8).write(to: url)
        let refusal = forbidden { () throws(ConfigError) in _ = try Configuration.readObject(url, display: "monitor.json") }
        guard let refusal else { return nil }
        XCTAssertEqual(refusal.file, "monitor.json")
        XCTAssertEqual(refusal.key, "escalation.levels[0].actions")
        return refusal.action.split(separator: " ").first.map(String.init)
    }

    /// The file, key and removal of a `.forbiddenAction` the body throws; nil when it succeeds.
    private func forbidden(_ body: () throws(ConfigError) -> Void) -> (file: String, key: String, action: String)? {
        do {
            try body()
            return nil
        } catch {
            guard case let .forbiddenAction(file, key, action) = error else {
                XCTFail("\(error)")
                return nil
            }
            return (file, key, action)
        }
    }

    /// A task command verb and an action name: both must refuse with the same removal.
    private func taskActions(_ word: String) throws -> String? {
        let verb = refused { () throws(TaskError) in _ = try TaskAction(verb: word) }
        let action = refused { () throws(TaskError) in _ = try ResponseAction.parse(word, source: "x") }
        XCTAssertEqual(verb, action, "TaskAction and ResponseAction disagree on \(word)")
        return verb
    }

    private func refused(_ body: () throws(TaskError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            guard case let .forbiddenAction(action, _) = error else {
                XCTFail("\(error)")
                return nil
            }
            return action
        }
    }
}
