import Foundation

/// Torn last lines in alerts/ JSON Lines files: finding them, and making them the way a crash mid-append would.
enum TornTail {
    /// The JSON Lines files (relative paths) whose last byte is not a newline.
    static func open(in alerts: URL) -> [String] {
        journals(in: alerts).filter { name in
            guard let data = try? Data(contentsOf: alerts.appendingPathComponent(name)), let last = data.last else {
                return false
            }
            return last != 0x0A
        }
    }

    /// Appends the first part of a copy of the last line of the journal or the newest mentions file, without its
    /// newline: exactly what an append cut short by power loss leaves. Returns 1 when a tail was made.
    static func inject(into alerts: URL, random: inout HarnessRandom) -> Int {
        let candidates = journals(in: alerts).filter { !open(in: alerts).contains($0) }
        guard !candidates.isEmpty else { return 0 }
        let name = candidates[Int(random.next() % UInt64(candidates.count))]
        let url = alerts.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url), data.count > 2 else { return 0 }
        let body = data.dropLast()
        let lastLine = body[((body.lastIndex(of: 0x0A).map { $0 + 1 }) ?? body.startIndex)...]
        guard lastLine.count > 2, let handle = FileHandle(forWritingAtPath: url.path) else { return 0 }
        handle.seekToEndOfFile()
        handle.write(Data(lastLine.prefix(1 + Int(random.next() % UInt64(lastLine.count - 1)))))
        handle.closeFile()
        return 1
    }

    /// The append-only JSON Lines files. `state/` is not among them: the task checkpoint is JSON lines too, but it is
    /// written whole to a temporary and renamed, so no crash leaves it torn.
    private static func journals(in alerts: URL) -> [String] {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: alerts.path)) ?? []
        return names.filter {
            $0.hasSuffix(".jsonl") && !$0.contains(".torn-") && !$0.hasPrefix("outbox") && !$0.hasPrefix("state/")
        }.sorted()
    }
}
