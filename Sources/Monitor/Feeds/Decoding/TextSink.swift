/// Collects plain-text UTF-8 bytes: collapses whitespace runs to one space, drops control characters, and stops at
/// a size cap so a 3 MiB title costs at most `cap` bytes of output.
struct TextSink {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private(set) var truncated = false
    let cap: Int

    init(cap: Int, reserve: Int) {
        self.cap = cap
        bytes.reserveCapacity(min(cap, reserve))
    }

    var isFull: Bool { truncated }

    mutating func space() { pendingSpace = true }

    /// Appends one raw byte of UTF-8 text, filtering controls and whitespace.
    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        if byte > 0x20, byte != 0x7F {
            put(byte)
        } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            pendingSpace = true
        }
    }

    /// A decoded character reference, filtered like raw text (`&#10;` is whitespace, `&#x85;` a control).
    mutating func append(_ replacement: HTMLEntities.Replacement) {
        if replacement.isNoBreakSpace { return space() }
        for k in 0..<replacement.count { byte(replacement[k]) }
    }

    /// Appends bytes known to need no filtering: no controls or C1 leads, and no whitespace but single spaces
    /// between other bytes (already normal).
    mutating func append(run: UnsafeBufferPointer<UInt8>) {
        guard !truncated, !run.isEmpty else { return }
        if pendingSpace {
            pendingSpace = false
            if !bytes.isEmpty { bytes.append(0x20) }
        }
        let room = cap - bytes.count
        if run.count > room {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<run.startIndex.advanced(by: max(0, room))]))
            truncated = true
            return
        }
        bytes.append(contentsOf: run)
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        guard !truncated else { return }
        if byte >= 0x80, byte <= 0xA9, dropsAsControl(byte) { return }
        if pendingSpace {
            pendingSpace = false
            if !bytes.isEmpty { put(0x20) }
        }
        if bytes.count >= cap {
            truncated = true
            return
        }
        bytes.append(byte)
    }

    /// C1 controls (U+0080...U+009F, UTF-8 `C2 80`...`C2 9F`) are not text: the lead byte already written is
    /// taken back. The line and paragraph separators (`E2 80 A8`/`A9`) become a space.
    private mutating func dropsAsControl(_ byte: UInt8) -> Bool {
        let count = bytes.count
        if byte <= 0x9F, count >= 1, bytes[count - 1] == 0xC2 {
            bytes.removeLast()
            return true
        }
        if byte >= 0xA8, count >= 2, bytes[count - 1] == 0x80, bytes[count - 2] == 0xE2 {
            bytes.removeLast(2)
            pendingSpace = true
            return true
        }
        return false
    }

    /// The text, invalid UTF-8 repaired with U+FFFD (`repaired` says whether that happened).
    mutating func finish() -> (text: String, repaired: Bool) {
        if truncated { dropPartialScalar() }
        while bytes.last == 0x20 { bytes.removeLast() }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
        return (String(decoding: bytes, as: UTF8.self), true)
    }

    private mutating func dropPartialScalar() {
        var end = bytes.count
        while end > 0, bytes[end - 1] & 0xC0 == 0x80 { end -= 1 }
        if end > 0, bytes[end - 1] >= 0xC0 { end -= 1 }
        // Keep a complete trailing sequence: only cut when the lead byte announced more than what follows.
        if end < bytes.count, end >= 0 {
            let lead = bytes[end]
            let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if bytes.count - end < expected { bytes.removeSubrange(end...) }
        }
    }
}
