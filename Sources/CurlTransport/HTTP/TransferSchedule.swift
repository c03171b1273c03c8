import Foundation

/// Which queued transfer may start next: at most `maxTotal` in flight, at most `maxPerHost` per
/// scheme://host:port, hosts served round-robin so one big host cannot starve the others.
/// Our own queue rather than curl's pending list, so a transfer's timeouts only start once it really starts.
struct TransferSchedule {
    private var queues: [String: ArraySlice<Int>] = [:]
    private var hostOrder: [String] = []
    private var inFlight: [String: Int] = [:]
    private var cursor = 0
    private(set) var activeCount = 0
    private(set) var queuedCount = 0
    let maxTotal: Int
    let maxPerHost: Int

    /// `jobs` in the order they should start within each host.
    init(jobs: [(index: Int, host: String)], maxTotal: Int, maxPerHost: Int) {
        self.maxTotal = max(1, maxTotal)
        self.maxPerHost = max(1, maxPerHost)
        var grouped: [String: [Int]] = [:]
        for job in jobs {
            if grouped[job.host] == nil { hostOrder.append(job.host) }
            grouped[job.host, default: []].append(job.index)
        }
        queues = grouped.mapValues { ArraySlice($0) }
        queuedCount = jobs.count
    }

    var isFinished: Bool { activeCount == 0 && queuedCount == 0 }

    /// The next job allowed to start now (counted as in flight), or nil if every slot is taken or nothing waits.
    mutating func startNext() -> (index: Int, host: String)? {
        guard activeCount < maxTotal, queuedCount > 0, !hostOrder.isEmpty else { return nil }
        for step in 0..<hostOrder.count {
            let host = hostOrder[(cursor + step) % hostOrder.count]
            guard inFlight[host, default: 0] < maxPerHost, let index = queues[host]?.popFirst() else { continue }
            cursor = (cursor + step + 1) % hostOrder.count
            inFlight[host, default: 0] += 1
            activeCount += 1
            queuedCount -= 1
            return (index, host)
        }
        return nil
    }

    /// Frees the slot taken by a job of `host` that ended.
    mutating func finish(host: String) {
        inFlight[host, default: 0] -= 1
        activeCount -= 1
    }

    /// The key that per-host bounds apply to: lowercased scheme://host:port.
    static func hostKey(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(host):\(port)"
    }
}
