import Foundation
import Monitor

/// `vigia-bench decoding [--corpus DIR] [--iterations N]`: decodes every corpus file (hostile/ excepted) N times
/// and prints throughput for XML and JSON separately. Python feedparser reads the XML corpus at about 1.1 MB/s.
/// `--dump FILE` writes every file's decoded items and problems (hostile/ included) as JSON lines instead, so a
/// speed change can be shown to leave the output byte for byte the same (`cmp` two dumps).
func benchDecoding(arguments: [String]) throws {
    var corpus = SharedBench.url("feeds")
    var iterations = 5
    var dump: String?
    var index = arguments.first == "decoding" ? 1 : 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? arguments[index + 1] : ""
        switch arguments[index] {
        case "--corpus": corpus = URL(fileURLWithPath: value)
        case "--iterations": iterations = max(1, Int(value) ?? iterations)
        case "--dump": dump = value
        default: throw BenchDecodingError.unknownOption(arguments[index])
        }
        index += 2
    }
    if let dump { return try dumpDecoded(corpus: corpus, to: dump) }
    let files = try corpusFiles(in: corpus)
    guard !files.isEmpty else { throw BenchDecodingError.emptyCorpus(corpus.path) }
    print("decoding \(files.count) files from \(corpus.path), \(iterations) iterations")
    for family in ["XML", "JSON"] {
        let selected = files.filter { ($0.isXML ? "XML" : "JSON") == family }
        measure(family, selected, iterations: iterations)
    }
}

private struct CorpusFile {
    var path: String
    var data: Data
    var isXML: Bool
}

private enum BenchDecodingError: Error, CustomStringConvertible {
    case unknownOption(String)
    case emptyCorpus(String)

    var description: String {
        switch self {
        case .unknownOption(let option):
            return "decoding: unknown option \(option) (use --corpus DIR, --iterations N, --dump FILE)"
        case .emptyCorpus(let path): return "decoding: no feed files under \(path)"
        }
    }
}

private func corpusFiles(in corpus: URL, withHostile: Bool = false) throws -> [CorpusFile] {
    let manager = FileManager.default
    var files: [CorpusFile] = []
    for directory in try manager.contentsOfDirectory(atPath: corpus.path).sorted()
    where withHostile || directory != "hostile" {
        let folder = corpus.appendingPathComponent(directory)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            continue
        }
        for name in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let isXML = ["rss", "atom", "rdf"].contains(directory)
            files.append(CorpusFile(path: directory + "/" + name, data: data, isXML: isXML))
        }
    }
    return files
}

private func measure(_ family: String, _ files: [CorpusFile], iterations: Int) {
    let bytes = files.reduce(0) { $0 + $1.data.count }
    var items = 0
    var failures = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = processCPUSeconds()
    for _ in 0..<iterations {
        for file in files {
            do {
                items += try FeedDecoder.decode(file.data, format: .auto).items.count
            } catch {
                failures += 1
            }
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = processCPUSeconds() - cpuStart
    let megabytes = Double(bytes * iterations) / 1e6
    print(
        String(
            format: "%@: %d files, %.2f MB x %d in %.3f s: %.1f MB/s, %.0f items/s (%d items/pass, %d failures/pass)",
            family, files.count, Double(bytes) / 1e6, iterations, seconds, megabytes / seconds, Double(items) / seconds,
            items / iterations, failures / iterations))
    // On a shared machine the wall clock counts other processes' turns too; CPU time is what the decoder costs.
    print(String(format: "%@: %.3f s of CPU: %.1f MB per CPU second", family, cpuSeconds, megabytes / max(cpuSeconds, 1e-9)))
}

/// This process's CPU time (user and system), in seconds.
private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// One JSON line per file: its path, then its items and problems, or the error it was refused with.
private func dumpDecoded(corpus: URL, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var out = Data()
    for file in try corpusFiles(in: corpus, withHostile: true) {
        out.append(Data((file.path + " ").utf8))
        do {
            let feed = try FeedDecoder.decode(file.data, format: .auto)
            out.append(try encoder.encode(feed.items))
            out.append(try encoder.encode(feed.problems))
        } catch {
            out.append(Data(" error: \(error)".utf8))
        }
        out.append(0x0A)
    }
    try out.write(to: URL(fileURLWithPath: path))
}
