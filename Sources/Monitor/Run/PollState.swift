import Foundation
import ReputationCore

/// Everything a poll run carries to the next one, in ONE file written atomically, so the pieces never disagree:
/// per-feed state, the seen mentions, the crisis detector, and how far the mention log has been processed.
///
/// The checkpoint is what makes a crash harmless: mentions appended to the log after it were recorded by a run
/// that died before finishing; the next run picks them up (tasks, crisis counts) instead of fetching them again.
public struct PollState: Sendable, Codable {
    public var version = 1
    public var feeds: [String: FeedState] = [:]
    public var seen = SeenMentions()
    /// (mention, feed) pairs seen, so a feed serving an already-recorded post is noted as a source once. `nil` in
    /// a state written before sources were tracked: that run fills it without recording anything, or every
    /// re-served item would look like news from a new source.
    public var seenSources: SeenMentions?
    public var crisis: CrisisDetector
    /// Byte offsets of the mention log files processed, by file name.
    public var checkpoint: [String: Int] = [:]
    public var lastRunAt: Date?

    public init(crisisSettings: CrisisSettings) {
        crisis = CrisisDetector(settings: crisisSettings)
        seenSources = SeenMentions()
    }

    enum CodingKeys: String, CodingKey {
        case version, feeds, seen, crisis, checkpoint
        case seenSources = "seen_sources"
        case lastRunAt = "last_run_at"
    }

    public static func load(from url: URL, crisisSettings: CrisisSettings) throws(StoreError) -> PollState {
        guard let data = try StoreFile.read(url.path) else { return PollState(crisisSettings: crisisSettings) }
        do {
            return try JournalCoding.decoder.decode(PollState.self, from: data)
        } catch {
            throw .corrupt(path: url.path, line: 1, reason: "poll state unreadable (\(error)); move it aside to start afresh")
        }
    }

    public func save(to url: URL) throws(StoreError) {
        let data: Data
        do {
            data = try JournalCoding.encoder.encode(self)
        } catch {
            throw .cannotWrite(path: url.path, reason: "cannot encode poll state: \(error)")
        }
        try AtomicFile.write(data, to: url)
    }
}
