import Foundation

/// Where a run's time goes, for an operator tuning a large installation: with `VIGIA_TIMINGS=1` in the environment
/// each phase's wall time is written to stderr, with the run's peak resident memory so far ("vigia: timing fetch
/// 1163 ms, peak 84 MB"): where a poll's memory goes. Silent otherwise.
struct PhaseClock: Sendable {
    private let terminal: Terminal?
    private var last: UInt64

    init(environment: [String: String], terminal: Terminal) {
        self.terminal = (environment["VIGIA_TIMINGS"].map { !$0.isEmpty && $0 != "0" } ?? false) ? terminal : nil
        last = DispatchTime.now().uptimeNanoseconds
    }

    /// A figure beside the timings ("vigia: timing journal 48213 bytes, read 48213 …").
    func note(_ text: String) { terminal?.warn("timing \(text)") }

    mutating func mark(_ phase: String) {
        guard let terminal else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)  // ru_maxrss is in kilobytes on Linux
        terminal.warn("timing \(phase) \((now - last) / 1_000_000) ms, peak \(usage.ru_maxrss / 1024) MB")
        last = now
    }
}
