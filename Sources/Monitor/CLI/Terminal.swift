import Foundation

/// Where a command writes: stdout for results, stderr for diagnostics. Passed in so tests can capture.
public struct Terminal: Sendable {
    public var output: FileHandle
    public var errors: FileHandle

    public static let standard = Terminal(output: .standardOutput, errors: .standardError)

    public func say(_ text: String) { output.emit(Data((text + "\n").utf8)) }
    public func warn(_ text: String) { errors.emit(Data(("vigia: " + text + "\n").utf8)) }
}
