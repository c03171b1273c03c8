import Foundation
import ReputationCore

/// What reading a journal found: the records of its complete lines, and where they end.
package struct JournalRead<Record: Sendable>: Sendable {
    package var records: [Record]
    /// Byte offset just past the last complete line read: where a later read picks up what was appended since.
    package var end: Int = 0
    /// Bytes after the last newline: a line being appended right now, or one torn by a crash that the next run
    /// (the lock holder) sets aside. Readers leave it alone.
    package var unfinished: Int = 0

    package init(records: [Record], end: Int = 0, unfinished: Int = 0) {
        self.records = records
        self.end = end
        self.unfinished = unfinished
    }
}

/// An append-only JSON Lines file: each record one line, appended with a single write and fsync'd.
///
/// Nothing ever rewrites earlier lines, and reading never modifies the file: a reader takes the complete lines and
/// leaves anything after the last newline alone (another process may be appending it at this very moment). A crash
/// mid-append can leave a torn last line; only the holder of the run lock settles it (`settleTail`): a tail that is
/// a whole record lacking its newline is kept and completed, anything else is copied aside to `<file>.torn-<n>` and
/// cut, and the repair is reported. A damaged line in the middle is an error, not skipped. Links are never followed.
package struct JournalFile: Sendable {
    package let url: URL

    package init(url: URL) {
        self.url = url
    }

    /// Appends the records as lines, a batch encoded and written at a time (`JournalCoding.forEachBatch`), then one
    /// fsync; a record that cannot be encoded leaves nothing of this append behind.
    package func append<T: Encodable & Sendable>(_ records: [T]) throws(StoreError) {
        guard !records.isEmpty else { return }
        try appendLines { (descriptor: Int32) throws(StoreError) in
            try JournalCoding.forEachBatch(records, path: url.path) { (parts: [[UInt8]]) throws(StoreError) in
                for part in parts { try FileDescriptorIO.writeAll(descriptor, part, path: url.path) }
            }
        }
    }

    /// Appends bytes that are already complete lines: the parts in order, then one fsync.
    package func appendRaw<Part: ContiguousBytes>(_ parts: [Part]) throws(StoreError) {
        try appendLines { (descriptor: Int32) throws(StoreError) in
            for part in parts { try FileDescriptorIO.writeAll(descriptor, part, path: url.path) }
        }
    }

    /// Appends what `write` writes to the descriptor, then one fsync; a failure cuts the file back to where it was.
    private func appendLines(_ write: (Int32) throws(StoreError) -> Void) throws(StoreError) {
        try AtomicFile.ensureFolder(url.deletingLastPathComponent())
        let descriptor = try StoreFile.open(url.path, O_WRONLY | O_CREAT | O_APPEND)
        defer { close(descriptor) }
        let before = lseek(descriptor, 0, SEEK_END)
        do throws(StoreError) {
            try write(descriptor)
            guard fsync(descriptor) == 0 else { throw StoreError.writing(url.path, errno: errno) }
        } catch {
            // Leave no half-written line behind: cut back to where this append started.
            if before >= 0 { _ = ftruncate(descriptor, before) }
            throw error
        }
    }

    /// Reads the records of the complete lines from byte `offset` on (a checkpoint taken at a line boundary).
    /// Never writes: what follows the last newline is counted in `unfinished` and left as it is.
    /// Only the bytes from `offset` on are read (and the one before, to check the offset ends a line).
    package func read<T: Decodable & Sendable>(_ type: T.Type, from offset: Int = 0) throws(StoreError) -> JournalRead<T> {
        var records: [T] = []
        var read = try forEachBlock(T.self, from: offset) { records += $0 }
        read.records = records
        return read
    }

    /// Bytes taken at a time by `forEachBlock`: a fold of a whole journal held it decoded at once (583 MB for a
    /// month of a busy shop's journal, when a lost checkpoint is rebuilt); a block at a time, the fold and one block.
    static let blockBytes = 4 << 20

    /// `read` a block of lines at a time: hands `body` the records of each block's complete lines in order, and
    /// returns where they end (its `records` empty). A line longer than a block is read whole. A damaged line is an
    /// error naming its number (counted from `offset`, as `read` does) after `body` had the blocks before it.
    package func forEachBlock<T: Decodable & Sendable>(
        _ type: T.Type, from offset: Int = 0, blockBytes: Int = blockBytes, _ body: ([T]) -> Void
    ) throws(StoreError) -> JournalRead<T> {
        guard let descriptor = try StoreFile.openForReading(url.path, at: max(offset - 1, 0)) else {
            return JournalRead(records: [])
        }
        defer { close(descriptor) }
        var pending = try StoreFile.readUpTo(blockBytes, from: descriptor, path: url.path)
        var atEnd = pending.count < blockBytes
        if offset > 0 {
            // The byte before the offset is read only to check that the offset ends a line.
            guard let before = pending.first else {
                throw .corrupt(path: url.path, line: 0, reason: "checkpoint \(offset) is beyond the end of the file")
            }
            guard before == 0x0A else {
                throw .corrupt(path: url.path, line: 0, reason: "checkpoint \(offset) is not at a line boundary")
            }
            pending.removeFirst()
        }
        var end = offset, linesBefore = 0
        while true {
            if let newline = pending.lastIndex(of: 0x0A) {
                let complete = pending[pending.startIndex...newline]
                let lines = Self.lineRanges(complete, from: 0, numberedAfter: linesBefore)
                body(try Self.decode(T.self, complete, lines: lines.ranges, numbers: lines.numbers, path: url.path))
                linesBefore = lines.last
                end += complete.count
                pending = Data(pending[(newline + 1)...])
            }
            if atEnd { return JournalRead(records: [], end: end, unfinished: pending.count) }
            let more = try StoreFile.readUpTo(blockBytes, from: descriptor, path: url.path)
            atEnd = more.count < blockBytes
            pending.append(more)
        }
    }

    /// The records of the non-blank lines of `data` from byte `offset` (a line start) on, every line complete (a file
    /// written whole, as the task checkpoint is): the journal's reader, with line numbers counted from `offset`.
    package static func records<T: Decodable & Sendable>(
        _ type: T.Type, in data: Data, from offset: Int, path: String
    ) throws(StoreError) -> [T] {
        let lines = lineRanges(data, from: offset)
        if lines.offMidLine { throw .corrupt(path: path, line: 0, reason: "offset \(offset) is not at a line boundary") }
        return try decode(T.self, data, lines: lines.ranges, numbers: lines.numbers, path: path)
    }

    /// Lines per decoder call: per-line decoding spent most of its time on setup, and one call over a whole file built
    /// the decoder's map of all of it at once (four times the file: 60 MB for a busy day's mention log).
    static let linesPerChunk = 256

    /// The records of `lines`, in order: chunks of lines decoded as JSON arrays, in slices on every core. Only a chunk
    /// that fails is decoded line by line, to name the damaged line.
    private static func decode<T: Decodable & Sendable>(
        _ type: T.Type, _ complete: Data, lines: [Range<Int>], numbers: [Int], path: String
    ) throws(StoreError) -> [T] {
        let chunks = stride(from: 0, to: lines.count, by: linesPerChunk).map { $0..<min($0 + linesPerChunk, lines.count) }
        do {
            return try ParallelSlices.map(chunks, minimum: 2) { slice in
                try slice.flatMap { chunk in try decodeChunk(T.self, complete, lines: lines[chunk], numbers: numbers, path: path) }
            }.flatMap { $0 }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .corrupt(path: path, line: 0, reason: "not a valid record: \(brief(error))")
        }
    }

    private static func decodeChunk<T: Decodable>(
        _ type: T.Type, _ complete: Data, lines: ArraySlice<Range<Int>>, numbers: [Int], path: String
    ) throws(StoreError) -> [T] {
        var array = Data(capacity: lines.reduce(2) { $0 + $1.count + 1 })
        array.append(0x5B)
        for range in lines {
            if array.count > 1 { array.append(0x2C) }
            array.append(complete[range])
        }
        array.append(0x5D)
        // The count check keeps a damaged line like `{…},{…}` from passing as two records.
        if let records = try? JournalCoding.decoder.decode([T].self, from: array), records.count == lines.count {
            return records
        }
        var records: [T] = []
        for (index, range) in zip(lines.indices, lines) {
            do {
                records.append(try JournalCoding.decoder.decode(T.self, from: complete[range]))
            } catch {
                throw .corrupt(path: path, line: numbers[index], reason: "not a valid record: \(brief(error))")
            }
        }
        return records
    }

    /// Settles a last line without a newline, left by a run that died mid-append. Only the run lock's holder may
    /// call this (no one else can be appending then). A tail that decodes as a whole `T` is a record that lost only
    /// its newline: it is kept and the newline added. Anything else is copied to `<file>.torn-<time>-<pid>` and cut
    /// from the file. Returns what was done, for the operator (nil when the file ends cleanly).
    package func settleTail<T: Decodable>(_ type: T.Type, holding lock: RunLock) throws(StoreError) -> String? {
        let descriptor: Int32
        do {
            descriptor = try StoreFile.open(url.path, O_RDWR)
        } catch .cannotCreate(_, _) where !FileManager.default.fileExists(atPath: url.path) {
            return nil
        }
        defer { close(descriptor) }
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size > 0 else { return nil }
        let (cut, tail) = try Self.lastLine(descriptor, size: size, path: url.path)
        guard !tail.isEmpty else { return nil }
        if (try? JournalCoding.decoder.decode(T.self, from: tail)) != nil {
            guard pwrite(descriptor, [UInt8(0x0A)], 1, off_t(size)) == 1, fsync(descriptor) == 0 else {
                throw .writing(url.path, errno: errno)
            }
            return "\(url.path): last line (\(tail.count) bytes) was a complete record without its newline: kept, newline added"
        }
        let aside = url.path + ".torn-\(Int(Date().timeIntervalSince1970))-\(getpid())"
        try AtomicFile.write(tail, to: URL(fileURLWithPath: aside))
        guard ftruncate(descriptor, off_t(cut)) == 0, fsync(descriptor) == 0 else { throw .writing(url.path, errno: errno) }
        return "\(url.path): torn last line (\(tail.count) bytes, from an interrupted run) kept in \(aside) and cut from the journal"
    }

    /// Where the last line starts and its bytes when the file does not end with a newline (else empty), read
    /// backwards in chunks so a long journal is not read whole.
    private static func lastLine(_ descriptor: Int32, size: Int, path: String) throws(StoreError) -> (Int, Data) {
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, off_t(size - 1)) == 1 else {
            throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        if last == 0x0A { return (size, Data()) }  // the usual case: one byte read, per file, per poll
        var tail = Data()
        var position = size
        while position > 0 {
            let length = min(1 << 16, position)
            var chunk = Data(count: length)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(position - length)) }
            guard count == length else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
            position -= length
            if let newline = chunk.lastIndex(of: 0x0A) {
                return (position + newline + 1, chunk[(newline + 1)...] + tail)
            }
            tail = chunk + tail
        }
        return (0, tail)
    }

    /// The non-blank lines from `offset` on, with their line numbers (counted from `offset`, after `numberedAfter`
    /// lines of earlier blocks), and the number of the last line, blank or not.
    private static func lineRanges(
        _ data: Data, from offset: Int, numberedAfter before: Int = 0
    ) -> (ranges: [Range<Int>], numbers: [Int], last: Int, offMidLine: Bool) {
        let begin = data.startIndex + min(max(offset, 0), data.count)
        if begin > data.startIndex, data[begin - 1] != 0x0A { return ([], [], before, true) }
        var ranges: [Range<Int>] = []
        var numbers: [Int] = []
        var number = before
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = begin - data.startIndex
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                number += 1
                if (start..<end).contains(where: { bytes[$0] != 0x20 && bytes[$0] != 0x0D }) {
                    ranges.append((data.startIndex + start)..<(data.startIndex + end))
                    numbers.append(number)
                }
                start = end + 1
            }
        }
        return (ranges, numbers, number, false)
    }

    private static func brief(_ error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error { return context.debugDescription }
        if case let DecodingError.keyNotFound(key, _) = error { return "missing key '\(key.stringValue)'" }
        if case let DecodingError.typeMismatch(_, context) = error { return context.debugDescription }
        return "\(error)"
    }
}

/// One JSON style for everything Vigía writes: ISO-8601 dates, sorted keys (stable diffs), snake_case
/// comes from the types' own CodingKeys; written by `JSONLineEncoder`, read by Foundation's decoder.
package enum JournalCoding {
    package static let encoder = JSONLineEncoder()
    /// The same without sorted keys, for what nothing compares byte by byte (the task checkpoint: a fold is compared
    /// by its contents): sorting every task's keys was a tenth of a busy poll's time.
    package static let unsortedEncoder = JSONLineEncoder(sortedKeys: false)

    /// The records as JSON lines, in order. A long batch (a first poll's thousands of mentions and tasks) is encoded
    /// in slices on every core; the bytes are the same as encoded one by one.
    package static func lines<T: Encodable & Sendable>(_ records: [T], sortedKeys: Bool = true) throws -> Data {
        Data(try lineParts(records, sortedKeys: sortedKeys).joined())
    }

    /// Records encoded per batch by `forEachBatch`: a first poll's 16,000 mentions or 10 MB of task events were held
    /// encoded whole before the write (a fifth of the poll's peak memory); a batch is a few megabytes.
    static let recordsPerBatch = 4096

    /// The records' lines handed to `body` a batch at a time, in order (each batch in its slices' parts), for a
    /// writer that writes each batch before the next is encoded. A record that cannot be encoded is a write error.
    static func forEachBatch<T: Encodable & Sendable>(
        _ records: [T], sortedKeys: Bool = true, path: String, _ body: ([[UInt8]]) throws(StoreError) -> Void
    ) throws(StoreError) {
        for start in stride(from: 0, to: records.count, by: recordsPerBatch) {
            let parts: [[UInt8]]
            do {
                parts = try lineParts(Array(records[start..<min(start + recordsPerBatch, records.count)]), sortedKeys: sortedKeys)
            } catch {
                throw .cannotWrite(path: path, reason: "cannot encode record: \(error)")
            }
            try body(parts)
        }
    }

    /// The same lines in the parts they were encoded in (one per slice), for writers that write them in turn.
    package static func lineParts<T: Encodable & Sendable>(_ records: [T], sortedKeys: Bool = true) throws -> [[UInt8]] {
        let encoder = sortedKeys ? encoder : unsortedEncoder
        return try ParallelSlices.map(records) { slice in
            var bytes: [UInt8] = []
            for record in slice {
                try encoder.encode(record, into: &bytes)
                bytes.append(0x0A)
            }
            return bytes
        }
    }

    package static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISOTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 time: \(text)")
            }
            return date
        }
        return decoder
    }()
}
