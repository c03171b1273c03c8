import Foundation

/// Reads this process's resident-set figures from /proc (Linux).
enum MemoryProbe {
    /// Resets the kernel's peak-RSS mark where permitted, and returns the current RSS as the new baseline.
    static func resetPeak() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
        return value(of: "VmRSS:")
    }

    /// Peak resident set (VmHWM) in bytes.
    static func peakResidentBytes() -> Int { value(of: "VmHWM:") }

    private static func value(of key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
