import Foundation

extension FileHandle {
    /// Writes without trapping: Foundation's `write(_:)` crashes the process on EPIPE (`vigia alerts | head`).
    /// A reader that went away is not our error; the output is simply dropped.
    package func emit(_ data: Data) {
        try? write(contentsOf: data)
    }
}
