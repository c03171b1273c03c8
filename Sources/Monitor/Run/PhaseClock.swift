import Foundation

/// Where a run's time goes, for an operator tuning a large installation: with `VIGIA_TIMINGS=1` in the environment
/// each phase's wall time is written to stderr ("vigia: timing fetch 1163 ms"). Silent otherwise.
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
        terminal.warn("timing \(phase) \((now - last) / 1_000_000) ms")
        last = now
    }
}
