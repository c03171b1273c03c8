/// A command line that cannot be run as typed, with a hint. Exit 64; a well-formed value out of its range
/// (`--since 1e300`) is bad data like the same value in a settings file, exit 65.
public struct UsageError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public var command: String?
    public var exitCode: ExitCode

    public init(_ message: String, command: String? = nil, exitCode: ExitCode = .usage) {
        self.message = message
        self.command = command
        self.exitCode = exitCode
    }

    public var description: String {
        message + "\n" + (command.map { "See 'vigia \($0) --help'." } ?? "See 'vigia --help'.")
    }
}
