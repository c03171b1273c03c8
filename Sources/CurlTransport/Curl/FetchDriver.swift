internal import CCurl
import Foundation

/// The loop of one `fetchAll`: start what the schedule allows, let curl work, collect what finished,
/// wait on the sockets, repeat. Everything here stays on the calling thread.
struct FetchDriver {
    private let requests: [HTTPRequest]
    private let limits: TransferLimits
    private var schedule: TransferSchedule
    private var active: [UnsafeMutableRawPointer: (transfer: HTTPTransfer, host: String)] = [:]

    init(requests: [HTTPRequest], jobs: [(index: Int, host: String)], limits: TransferLimits) {
        self.requests = requests
        self.limits = limits
        schedule = TransferSchedule(jobs: jobs, maxTotal: limits.maxConcurrent, maxPerHost: limits.maxPerHost)
    }

    mutating func run(deliver: (Int, Result<HTTPResponse, TransportError>) -> Void) {
        guard let multi = MultiHandle(limits: limits) else {
            while let job = schedule.startNext() {
                deliver(
                    job.index,
                    .failure(.curl(url: requests[job.index].url, code: -1, message: "curl_multi_init failed")))
                schedule.finish(host: job.host)
            }
            return
        }
        while !schedule.isFinished {
            startAllowed(on: multi, deliver: deliver)
            guard multi.perform() else {
                abortActive(on: multi, deliver: deliver)
                continue
            }
            let done = multi.completed()
            for (easy, code) in done {
                guard let entry = active.removeValue(forKey: easy) else { continue }
                multi.remove(easy)
                deliver(entry.transfer.index, entry.transfer.result(code: code))
                schedule.finish(host: entry.host)
            }
            if done.isEmpty && !active.isEmpty { multi.poll(milliseconds: 1000) }
        }
    }

    private mutating func startAllowed(
        on multi: MultiHandle, deliver: (Int, Result<HTTPResponse, TransportError>) -> Void
    ) {
        while let job = schedule.startNext() {
            let request = requests[job.index]
            guard let transfer = HTTPTransfer(index: job.index, request: request, limits: limits) else {
                deliver(job.index, .failure(.curl(url: request.url, code: -1, message: "curl_easy_init failed")))
                schedule.finish(host: job.host)
                continue
            }
            if let error = transfer.configure() {
                deliver(job.index, .failure(error))
                schedule.finish(host: job.host)
            } else if !multi.add(transfer.handle) {
                deliver(job.index, .failure(.curl(url: request.url, code: -1, message: "curl_multi_add_handle failed")))
                schedule.finish(host: job.host)
            } else {
                active[transfer.handle] = (transfer, job.host)
            }
        }
    }

    /// A failure of the multi handle itself: every transfer in flight fails rather than hanging.
    private mutating func abortActive(
        on multi: MultiHandle, deliver: (Int, Result<HTTPResponse, TransportError>) -> Void
    ) {
        for (easy, entry) in active {
            multi.remove(easy)
            deliver(
                entry.transfer.index,
                .failure(
                    .curl(
                        url: entry.transfer.request.url, code: -1,
                        message: "curl_multi_perform failed")))
            schedule.finish(host: entry.host)
        }
        active = [:]
    }
}
