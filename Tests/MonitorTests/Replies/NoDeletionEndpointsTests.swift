import Foundation
import XCTest

/// Issue 18: "there is no command, key or code path that deletes, hides or edits a post". The HTTP transport can
/// only GET, or POST a body (`HTTPRequest` has no method to set), and IMAP only EXAMINEs, SEARCHes and FETCHes; so
/// what is left is a POST to a network's removal endpoint. This reads every source file for those endpoints and
/// for a request method other than GET and POST: adding one fails here, naming the file and the line.
final class NoDeletionEndpointsTests: XCTestCase {
    /// The networks' documented ways to remove, hide or edit a post, a comment or a message.
    private let removals = [
        "deleteRecord", "putRecord", "applyWrites", "deleteMessageForSelf",  // Bluesky: repo and chat
        "/api/del", "/api/remove", "/api/hide", "/api/editusertext", "/api/lock", "/api/spam",  // Reddit
        "comments/delete", "setModerationStatus", "markAsSpam",  // YouTube
        "/unreblog", "/mute", "/pin",  // Mastodon (DELETE /api/v1/statuses is a method we cannot send)
        "CURLOPT_CUSTOMREQUEST, \"", "EXPUNGE", "\\\\Deleted", "STORE ", "UID MOVE",  // HTTP methods, IMAP
    ]

    func testNoSourceFileNamesARemovalEndpointOrAnotherMethod() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 100, "the sources were found at \(sources.path)")
        var found: [String] = []
        for file in files {
            let lines = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for removal in removals where line.contains(removal) {
                    found.append("Sources/\(file):\(number + 1): \(removal)")
                }
                for method in ["\"DELETE\"", "\"PUT\"", "\"PATCH\""] where line.contains(method) {
                    found.append("Sources/\(file):\(number + 1): \(method)")
                }
            }
        }
        XCTAssertEqual(found, [], "a code path that could delete, hide or edit a post")
    }
}
