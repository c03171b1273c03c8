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
                let result = entry.transfer.result(code: code)
                if let next = redirect(of: entry.transfer, result) {
                    switch next {
                    case .success(let request):
                        if start(request, index: entry.transfer.index, hops: entry.transfer.hops + 1, host: entry.host, on: multi, deliver: deliver) {
                            continue
                        }
                    case .failure(let error): deliver(entry.transfer.index, .failure(error))
                    }
                    schedule.finish(host: entry.host)
                    continue
                }
                deliver(entry.transfer.index, result)
                schedule.finish(host: entry.host)
            }
            if done.isEmpty && !active.isEmpty { multi.poll(milliseconds: 1000) }
        }
    }

    private mutating func startAllowed(
        on multi: MultiHandle, deliver: (Int, Result<HTTPResponse, TransportError>) -> Void
    ) {
        while let job = schedule.startNext() {
            if !start(requests[job.index], index: job.index, hops: 0, host: job.host, on: multi, deliver: deliver) {
                schedule.finish(host: job.host)
            }
        }
    }

    /// Adds one transfer to the multi handle; false (the failure delivered) when it could not start.
    private mutating func start(
        _ request: HTTPRequest, index: Int, hops: Int, host: String, on multi: MultiHandle,
        deliver: (Int, Result<HTTPResponse, TransportError>) -> Void
    ) -> Bool {
        let transfer: HTTPTransfer
        do {
            transfer = try HTTPTransfer(index: index, request: request, limits: limits, hops: hops)
            try transfer.configure()
        } catch {
            deliver(index, .failure(error))
            return false
        }
        guard multi.add(transfer.handle) else {
            deliver(index, .failure(.curl(url: request.url, code: -1, message: "curl_multi_add_handle failed")))
            return false
        }
        active[transfer.handle] = (transfer, host)
        return true
    }

    /// The next hop when `transfer` follows its own redirects and got one; nil when the result is final.
    private func redirect(of transfer: HTTPTransfer, _ result: Result<HTTPResponse, TransportError>)
        -> Result<HTTPRequest, TransportError>?
    {
        guard RedirectPolicy.followsItself(transfer.request), case .success(let response) = result,
            RedirectPolicy.isRedirect(response.status), let location = response.headers["location"]
        else { return nil }
        return RedirectPolicy.next(
            after: transfer.request, location: location, original: requests[transfer.index].url, hops: transfer.hops,
            limit: limits.maxRedirects)
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
