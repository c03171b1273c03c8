import Foundation

/// Where the shared benchmark data sits: `../shared/bench/` beside the checkout, as CI places it.
enum SharedBench {
    /// `shared/bench/<path>`, found from this source file's place in the checkout (Sources/vigia-bench/).
    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/bench")
            .appendingPathComponent(path)
    }
}
