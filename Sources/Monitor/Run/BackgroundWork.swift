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

    /// Blocks until the work is done and returns its value.
    func wait() -> Value {
        done.wait()
        done.signal()  // a later wait returns at once
        guard let value = result.withLock({ $0 }) else { preconditionFailure("BackgroundWork ended without a value") }
        return value
    }
}

/// A value at hand, or one being made on another thread (joined when first needed).
enum Supply<Value: Sendable>: Sendable {
    case ready(Value)
    case loading(BackgroundWork<Result<Value, any Error>>)

    static func load(_ make: @escaping @Sendable () throws -> Value) -> Supply {
        .loading(BackgroundWork { Result { try make() } })
    }

    func get() throws -> Value {
        switch self {
        case .ready(let value): return value
        case .loading(let work): return try work.wait().get()
        }
    }
}
