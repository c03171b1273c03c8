import Foundation
import ReputationCore

/// The paging loop of APIs that list newest first and page backwards with a continuation token (Bluesky's
/// `cursor`, Reddit's `after`, YouTube's `pageToken`, the App Store's pages). A walk starts at the newest page
/// and goes back until it meets what the last complete walk took (`<key>.mark`, the newest time then seen) or
/// the list ends; only then does the mark move up to this walk's newest (`<key>.top`). A walk stopped by the
/// page cap, a spent budget or a kill keeps its token (`<key>.walk`) and resumes there next poll, so the posts
/// between the two are never skipped; posts that a shifting list serves twice are one mention (the seen store).
/// The first walk of a stream takes the newest page only: that is where listening starts.
struct BacklogWalk {
    struct Page {
        var items: [FeedItem]
        /// Each item's time for the mark (nil when the source gave none).
        var times: [Date?]
        var next: String?
        /// Entries the answer held before any filtering (0: the list has ended).
        var count: Int
        var notes: [String] = []
    }

    let key: String
    let network: String
    /// Whose channel the stream reads (a search: `general`; the account's notifications: `own`).
    let scope: MentionFilter.Scope

    func run(
        _ poll: inout SourcePoll, fetch: (inout SourcePoll, String?) throws(SourceFailure) -> Page
    ) throws(SourceFailure) {
        let mark = poll.cursor["\(key).mark"].flatMap(FeedDate.parse)
        var token = poll.cursor["\(key).walk"]
        var top = poll.cursor["\(key).top"].flatMap(FeedDate.parse)
        var pages = 0
        while poll.mayFetch(pages: pages) {
            let page = try fetch(&poll, token)
            pages += 1
            poll.take(page.items, from: scope)
            poll.notes += page.notes
            let times = page.times.compactMap { $0 }
            if top == nil { top = times.max() }  // the walk's first page holds its newest
            let reachedMark = mark.map { mark in times.contains { $0 <= mark } } ?? true
            if page.next == nil || page.count == 0 || reachedMark || poll.checkOnly {
                // An empty list at the start: everything that comes later is new.
                if !poll.checkOnly { finish(&poll, top: top ?? mark ?? Date(timeIntervalSince1970: 0)) }
                return
            }
            token = page.next
            poll.cursor["\(key).walk"] = token
            poll.cursor["\(key).top"] = top.map(ISOTime.format)
        }
    }

    private func finish(_ poll: inout SourcePoll, top: Date?) {
        if let top { poll.cursor["\(key).mark"] = ISOTime.format(top) }
        poll.cursor["\(key).walk"] = nil
        poll.cursor["\(key).top"] = nil
    }
}
