import Foundation
import Synchronization

/// Work started on a thread of its own and joined later: a poll reads the journal and the report's mention files
/// while the transfers it waits on are in flight, instead of after them.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Blocks until the work is done and returns its value (call once).
    func wait() -> Value {
        done.wait()
        guard let value = result.withLock({ $0 }) else { preconditionFailure("BackgroundWork ended without a value") }
        return value
    }
}
