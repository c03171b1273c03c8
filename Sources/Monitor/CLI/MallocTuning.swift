import Foundation

/// glibc's allocator tuned for a run that reads and writes files of many megabytes (`mallopt`, looked up at run time:
/// Swift's Glibc module does not carry `<malloc.h>`). An operator's own `MALLOC_*` or `GLIBC_TUNABLES` settings are
/// left alone.
///
/// - One arena: a poll decodes the task checkpoint and the report window on a background thread while the transfers
///   run, and glibc gives that thread an arena of its own that stays resident beside the main one: on a year-old
///   installation about 35 MB of a poll's 185 MB peak. The run is single-threaded apart from such overlaps.
/// - Fixed mmap and trim thresholds: glibc raises its mmap threshold to the size of each large block freed, so a
///   poll's journal blocks and encoded batches (megabytes each) came from the heap after the first and stayed
///   resident, free, until the run ended: 103 MB peak for the 1000-feed first poll, 93 MB with blocks from 1 MB up
///   mapped and unmapped on their own (`vigia-bench poll`).
enum MallocTuning {
    /// `M_TRIM_THRESHOLD`, `M_MMAP_THRESHOLD` and `M_ARENA_MAX` in glibc's `<malloc.h>`.
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3, arenaMax: Int32 = -8

    static func apply(environment: [String: String]) {
        guard !environment.keys.contains(where: { $0.hasPrefix("MALLOC_") || $0 == "GLIBC_TUNABLES" }),
            let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
        else { return }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(arenaMax, 1)
        _ = mallopt(mmapThreshold, 1 << 20)
        _ = mallopt(trimThreshold, 1 << 20)
    }
}
