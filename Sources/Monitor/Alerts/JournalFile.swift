import Foundation
import ReputationCore

/// What reading a journal found: the records, and any damage that was repaired (and must be reported).
public struct JournalRead<Record: Sendable>: Sendable {
    public var records: [Record]
    /// Human-readable notes: "alerts/journal.jsonl: torn last line (37 bytes) moved to journal.jsonl.torn-…".
    public var repairs: [String]
    /// Byte offset just past the last complete line read: where a later read picks up what was appended since.
    public var end: Int = 0

    public init(records: [Record], repairs: [String], end: Int = 0) {
        self.records = records
        self.repairs = repairs
        self.end = end
    }
}

/// An append-only JSON Lines file: each record one line, appended with a single write and fsync'd.
///
/// Nothing ever rewrites earlier lines. A crash mid-append can leave a torn last line (no newline, or not valid
/// JSON); reading detects it, copies it aside to `<file>.torn-<n>` so it is kept for inspection, truncates the file
/// back to the last complete line, and reports the repair. A damaged line in the middle is an error, not skipped.
public struct JournalFile: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func append<T: Encodable>(_ records: [T]) throws(StoreError) {
        guard !records.isEmpty else { return }
        var data = Data()
        for record in records {
            do {
                data.append(try JournalCoding.encoder.encode(record))
            } catch {
                throw .cannotWrite(path: url.path, reason: "cannot encode record: \(error)")
            }
            data.append(0x0A)
        }
        try appendRaw(data)
    }

    /// Appends bytes that are already complete lines.
    public func appendRaw(_ data: Data) throws(StoreError) {
        try AtomicFile.ensureFolder(url.deletingLastPathComponent())
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotCreate(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let before = lseek(descriptor, 0, SEEK_END)
        do throws(StoreError) {
            try FileDescriptorIO.writeAll(descriptor, data, path: url.path)
            guard fsync(descriptor) == 0 else { throw StoreError.writing(url.path, errno: errno) }
        } catch {
            // Leave no half-written line behind: cut back to where this append started.
            if before >= 0 { _ = ftruncate(descriptor, before) }
            throw error
        }
    }

    /// Reads the records from byte `offset` on (a checkpoint taken at a line boundary).
    public func read<T: Decodable & Sendable>(_ type: T.Type, from offset: Int = 0) throws(StoreError) -> JournalRead<T> {
        guard FileManager.default.fileExists(atPath: url.path) else { return JournalRead(records: [], repairs: []) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .cannotRead(path: url.path, reason: (error as NSError).localizedDescription)
        }
        var repairs: [String] = []
        let complete = try repairTornTail(data, repairs: &repairs)
        let lines = Self.lineRanges(complete, from: offset)
        if let checkpointError = lines.checkpointError { throw .corrupt(path: url.path, line: 0, reason: checkpointError) }
        let end = complete.count
        // One decoder call over all lines as a JSON array: per-line decoding spent most of its time on setup.
        // Only when that fails is each line decoded alone, to name the damaged one.
        var array = Data(capacity: complete.count + lines.ranges.count + 2)
        array.append(0x5B)
        for (index, range) in lines.ranges.enumerated() {
            if index > 0 { array.append(0x2C) }
            array.append(complete[range])
        }
        array.append(0x5D)
        // The count check keeps a damaged line like `{…},{…}` from passing as two records.
        if let records = try? JournalCoding.decoder.decode([T].self, from: array), records.count == lines.ranges.count {
            return JournalRead(records: records, repairs: repairs, end: end)
        }
        var records: [T] = []
        for (index, range) in lines.ranges.enumerated() {
            do {
                records.append(try JournalCoding.decoder.decode(T.self, from: complete[range]))
            } catch {
                throw .corrupt(path: url.path, line: lines.numbers[index], reason: "not a valid record: \(Self.brief(error))")
            }
        }
        return JournalRead(records: records, repairs: repairs, end: end)
    }

    /// The non-blank lines from `offset` on, with their line numbers (counted from `offset`).
    private static func lineRanges(_ data: Data, from offset: Int) -> (ranges: [Range<Int>], numbers: [Int], checkpointError: String?) {
        let begin = data.startIndex + min(max(offset, 0), data.count)
        if begin > data.startIndex, data[begin - 1] != 0x0A {
            return ([], [], "checkpoint \(offset) is not at a line boundary")
        }
        var ranges: [Range<Int>] = []
        var numbers: [Int] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = begin - data.startIndex
            var number = 0
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
        return (ranges, numbers, nil)
    }

    /// Returns the bytes up to the last complete line, moving a torn tail aside.
    private func repairTornTail(_ data: Data, repairs: inout [String]) throws(StoreError) -> Data {
        guard let last = data.last, last != 0x0A else { return data }
        let cut = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? data.startIndex
        let tail = data[cut...]
        let aside = url.path + ".torn-\(Int(Date().timeIntervalSince1970))-\(getpid())"
        try AtomicFile.write(Data(tail), to: URL(fileURLWithPath: aside))
        guard truncate(url.path, off_t(cut)) == 0 else { throw .writing(url.path, errno: errno) }
        repairs.append("\(url.path): torn last line (\(tail.count) bytes, from an interrupted run) kept in \(aside) and cut from the journal")
        return Data(data[..<cut])
    }

    private static func brief(_ error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error { return context.debugDescription }
        if case let DecodingError.keyNotFound(key, _) = error { return "missing key '\(key.stringValue)'" }
        if case let DecodingError.typeMismatch(_, context) = error { return context.debugDescription }
        return "\(error)"
    }
}

/// One JSON style for everything Vigía writes: ISO-8601 dates, sorted keys (stable diffs), snake_case
/// comes from the types' own CodingKeys.
public enum JournalCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISOTime.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
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
