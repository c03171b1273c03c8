import Dispatch
import Foundation
import ReputationCore

/// `vigia watch`: poll every interval until SIGTERM or SIGINT. A signal never interrupts a cycle: it is noted,
/// the cycle in progress finishes (mentions recorded, tasks filed, state saved), and then the loop ends.
struct Watcher {
    var context: RunContext
    var every: TimeInterval

    func run() throws -> Int32 {
        let stop = StopFlag.install()
        let configuration = try context.loadConfiguration()
        let rules = try PollRules(settings: configuration.settings)
        while !stop.isSet {
            // The cycle is timed on the monotonic clock: on the wall clock, a step back of two hours mid-cycle would
            // read as a cycle that took minus two hours and sleep two hours longer (a step ahead, not at all).
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                let summary = try PollRun(configuration: configuration, rules: rules, context: context).run()
                CommandRunner.print(summary, context: context)
            } catch let error as RunError where error.exitCode == .temporaryFailure {
                context.terminal.warn(error.description)  // a cron run holds the lock, or the clock is wrong: skip this cycle
            }
            let took = TimeInterval(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000
            let pause = max(0, every - took)
            stop.wait(seconds: pause)
        }
        context.terminal.warn("stopped by signal after finishing the cycle in progress")
        return ExitCode.ok.rawValue
    }
}

/// Set by SIGTERM/SIGINT; sleeping waiters wake at once.
final class StopFlag: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let flag = Atomic()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() -> StopFlag {
        let stop = StopFlag()
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)  // delivered through the dispatch source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stop.flag.set()
                stop.semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
        return stop
    }

    var isSet: Bool { flag.isSet }

    func wait(seconds: TimeInterval) {
        guard !isSet, seconds > 0 else { return }
        _ = semaphore.wait(timeout: .now() + seconds)
    }

    /// A boolean guarded by a lock (the only shared mutable state here, so `Sendable` holds).
    final class Atomic: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
