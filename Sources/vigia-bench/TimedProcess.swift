import Foundation

/// A child process run to completion with its stdout captured and its wall time measured (stderr discarded).
struct TimedProcess {
    var output: Data
    var seconds: Double
    var status: Int32

    static func run(_ executable: URL, _ arguments: [String]) throws -> TimedProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return TimedProcess(output: data, seconds: seconds, status: process.terminationStatus)
    }
}
