import Foundation

/// glibc's `mallopt(M_ARENA_MAX, 1)`, looked up at run time (Swift's Glibc module does not carry `<malloc.h>`).
///
/// A poll decodes the task checkpoint and the report window on a background thread while the transfers run, and
/// glibc gives that thread an arena of its own that stays resident beside the main one: on a year-old installation
/// about 35 MB of a poll's 185 MB peak (measured with `VIGIA_TIMINGS=1`). The run is single-threaded apart from that
/// overlap, so more arenas buy nothing. An operator's own `MALLOC_ARENA_MAX` is left alone.
enum MallocArenas {
    /// `M_ARENA_MAX` in glibc's `<malloc.h>`.
    private static let arenaMax: Int32 = -8

    static func limitToOne(environment: [String: String]) {
        guard environment["MALLOC_ARENA_MAX"] == nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, 1)
    }
}
