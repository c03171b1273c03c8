/// A command line that cannot be run as typed. Exit 64, with a hint.
public struct UsageError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public var command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    public var description: String {
        message + "\n" + (command.map { "See 'vigia \($0) --help'." } ?? "See 'vigia --help'.")
    }
}
