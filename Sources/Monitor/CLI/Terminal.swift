import Foundation
import ReputationCore

/// Where a command writes: stdout for results, stderr for diagnostics. Passed in so tests can capture. Everything
/// written goes through `SafeText.lines`: messages quote feeds, handles and URLs, and an escape sequence in one
/// must not drive the terminal (or the cron mail) it reaches.
package struct Terminal: Sendable {
    package var output: FileHandle
    package var errors: FileHandle

    package static let standard = Terminal(output: .standardOutput, errors: .standardError)

    package func say(_ text: String) { output.emit(Data((SafeText.lines(text) + "\n").utf8)) }
    package func warn(_ text: String) { errors.emit(Data(("vigia: " + SafeText.lines(text) + "\n").utf8)) }
}
