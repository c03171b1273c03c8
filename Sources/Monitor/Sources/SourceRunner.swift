import CurlTransport
import Foundation
import ReputationCore
import Synchronization

/// Runs the source-kind feeds of one poll, each on its own (a source waiting for its rate limit, or failing,
/// holds up no other), and turns each into the same `FeedOutcome` URL feeds give.
struct SourceRunner: Sendable {
    var limits: TransferLimits
    var environment: [String: String]
    /// `alerts/state/`, where sessions are kept; nil: no session survives the run.
    var stateFolder: URL?
    var now: Date
    var checkOnly = false

    func poll(_ feeds: [FeedConfig], states: [String: FeedState]) -> [FeedOutcome] {
        let slots = OutcomeList(count: feeds.count)
        DispatchQueue.concurrentPerform(iterations: feeds.count) { index in
            slots.set(index, outcome(feeds[index], state: states[feeds[index].id] ?? FeedState()))
        }
        return slots.all()
    }

    func outcome(_ feed: FeedConfig, state: FeedState) -> FeedOutcome {
        var outcome = FeedOutcome(feed: feed, status: .failed)
        guard let source = feed.source else { return outcome }
        var poll = SourcePoll(
            feedID: feed.id, now: now, maxPages: source.maxPages, environment: environment,
            sessions: stateFolder.map { SessionStore(stateFolder: $0) }, limits: limits, checkOnly: checkOnly,
            cursor: state.cursor)
        do throws(SourceFailure) {
            try source.kind.poll(&poll)
            outcome.status = .ok
        } catch {
            switch error {
            case .rateLimited(_, let until):
                outcome.status = .ok  // what came before the limit counts, and the cursor says where to resume
                outcome.problems.append(poll.redaction.clean(error.description))
                poll.waitUntil = max(poll.waitUntil ?? until, until)
            default:
                outcome.error = poll.redaction.clean(error.description)
                outcome.needsOperator = error.needsOperator
            }
        }
        outcome.items = poll.items
        outcome.scopes = poll.scopes
        outcome.cursor = poll.cursor
        outcome.waitUntil = poll.waitUntil
        outcome.serverClocks = ServerClock.latestPerServer(poll.serverClocks)
        outcome.problems += poll.notes.map(poll.redaction.clean)
        return outcome
    }
}

/// Outcomes filled from several threads, each slot once.
final class OutcomeList: Sendable {
    private let slots: Mutex<[FeedOutcome?]>

    init(count: Int) { slots = Mutex([FeedOutcome?](repeating: nil, count: count)) }

    func set(_ index: Int, _ outcome: FeedOutcome) { slots.withLock { $0[index] = outcome } }

    func all() -> [FeedOutcome] { slots.withLock { $0.map { $0! } } }
}
