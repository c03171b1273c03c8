/// A command line that cannot be run as typed, with a hint. Exit 64; a well-formed value out of its range
/// (`--since 1e300`) is bad data like the same value in a settings file, exit 65.
package struct UsageError: Error, CustomStringConvertible, Sendable, Equatable {
    package var message: String
    package var command: String?
    package var exitCode: ExitCode

    package init(_ message: String, command: String? = nil, exitCode: ExitCode = .usage) {
        self.message = message
        self.command = command
        self.exitCode = exitCode
    }

    package var description: String {
        message + "\n" + (command.map { "See 'vigia \($0) --help'." } ?? "See 'vigia --help'.")
    }
}
