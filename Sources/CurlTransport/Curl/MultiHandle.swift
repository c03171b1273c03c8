internal import CCurl

/// A curl multi handle: one connection cache, DNS cache and HTTP/2 multiplexing shared by every transfer
/// added to it. Used from one thread only.
final class MultiHandle {
    private let raw: UnsafeMutableRawPointer

    init?(limits: TransferLimits) {
        guard let raw = curl_multi_init() else { return nil }
        self.raw = raw
        // Our TransferSchedule already bounds transfers; these bound connections too (belt and braces),
        // and keep enough idle connections cached for reuse across the whole fetch.
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, limits.maxConcurrent))
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, limits.maxPerHost))
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, max(1, limits.maxConcurrent))
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        curl_multi_cleanup(raw)
    }

    func add(_ easy: UnsafeMutableRawPointer) -> Bool {
        curl_multi_add_handle(raw, easy) == CURLM_OK
    }

    func remove(_ easy: UnsafeMutableRawPointer) {
        _ = curl_multi_remove_handle(raw, easy)
    }

    /// Moves every transfer as far as it can go without blocking; false on a multi-level failure.
    func perform() -> Bool {
        var running: Int32 = 0
        return curl_multi_perform(raw, &running) == CURLM_OK
    }

    /// Blocks until a socket is ready, curl's next timer is due, or `milliseconds` pass.
    func poll(milliseconds: Int32) {
        var ready: Int32 = 0
        _ = curl_multi_poll(raw, nil, 0, milliseconds, &ready)
    }

    /// Transfers that ended since the last call, with their result codes.
    func completed() -> [(easy: UnsafeMutableRawPointer, code: CURLcode)] {
        var done: [(easy: UnsafeMutableRawPointer, code: CURLcode)] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(raw, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                done.append((easy, message.pointee.data.result))
            }
        }
        return done
    }
}
