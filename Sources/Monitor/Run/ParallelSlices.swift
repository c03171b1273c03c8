import Foundation
import Synchronization

/// Work on a long list of independent items (a first poll's thousands of mentions) done in slices on every core.
enum ParallelSlices {
    /// `transform` of each slice of `items`, in order. Under `minimum` items (512 small ones by default) it runs once,
    /// here: a thread is not worth it; a slice holds at least half of `minimum`.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], minimum: Int = 512, _ transform: @Sendable (ArraySlice<Item>) throws -> Result
    ) throws -> [Result] {
        let least = max(minimum, 2)
        let slices = items.count < least ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8, items.count / (least / 2))
        guard slices > 1 else { return [try transform(items[...])] }
        let parts = Mutex([Int: Swift.Result<Result, any Error>]())
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (items.count * slice / slices)..<(items.count * (slice + 1) / slices)
            let part = Swift.Result { try transform(items[range]) }
            parts.withLock { $0[slice] = part }
        }
        return try parts.withLock { parts in
            try (0..<slices).map { slice in
                guard let part = parts[slice] else { preconditionFailure("slice \(slice) was not done") }
                return try part.get()
            }
        }
    }

    /// The same for a transform that cannot fail.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @Sendable (ArraySlice<Item>) -> Result
    ) -> [Result] {
        do {
            return try map(items) { (slice: ArraySlice<Item>) throws -> Result in transform(slice) }
        } catch {
            preconditionFailure("a slice that cannot fail failed: \(error)")
        }
    }
}
