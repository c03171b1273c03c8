import Foundation
import Monitor
import ReputationCore

/// `vigia-bench sentiment [--dev DIR] [--passes N] [--only scoring|end-to-end] [--predict FILE.tsv] [--dump FILE.tsv]`
///
/// Times are CPU time of the benchmarking thread (and `time.process_time` for Python), so a machine busy with
/// other work does not skew the ratio to VADER.
/// Prints the rule load time, posts/s of the scorer alone over DEV (es + en, one core, median of N passes),
/// posts/s of `ScoreCommand` end to end (JSON Lines in and out through temp files, with triage), and, when
/// python3 with vaderSentiment is there, VADER's posts/s on the same posts for the ratio. With `--predict` it
/// only writes `id<TAB>label<TAB>score<TAB>lang` for a DEV file to stdout (for eval.py); with `--dump` it writes
/// everything the scorer and triage return, at full precision, so a speed change can be diffed for identity.
/// `--only` runs one measure (and no VADER), for profiling it alone.
func benchSentiment(arguments: [String]) throws {
    let options = BenchSentimentOptions(arguments)
    let loadStart = cpuNow()
    let rules = try SentimentRules.load()
    let triageRules = try TriageRules.load()
    let loadMilliseconds = seconds(since: loadStart) * 1000
    let scorer = SentimentScorer(rules: rules)
    if let file = options.predict {
        try predict(file, scorer: scorer)
        return
    }
    if let file = options.dump {
        try dump(file, scorer: scorer, triager: Triager(rules: triageRules))
        return
    }
    let posts = try readDEV(options.devFolder)
    print("sentiment: rules loaded in \(format(loadMilliseconds)) ms (target ≤ 50 ms)")
    print("sentiment: \(posts.count) DEV posts (es + en)")
    let scoring = options.only == "end-to-end" ? 0 : median((0..<options.passes).map { _ in
        let start = cpuNow()
        var negatives = 0
        var scratch = ScoringScratch()
        for post in posts
        where scorer.score(post.text, languageHint: post.language, scratch: &scratch).label == .negative {
            negatives += 1
        }
        precondition(negatives > 0)
        return Double(posts.count) / seconds(since: start)
    })
    if options.only != "end-to-end" { print("sentiment: scoring alone \(Int(scoring)) posts/s (target ≥ 600,000)") }
    guard options.only != "scoring" else { return }
    let endToEnd = try median((0..<options.passes).map { _ in
        try scoreCommandRate(posts, scorer: scorer, triage: triageRules)
    })
    print("sentiment: vigia score end to end \(Int(endToEnd)) posts/s (target ≥ 240,000)")
    guard options.only == nil else { return }
    if let vader = vaderRate(options.devFolder) {
        print("sentiment: VADER (python) \(Int(vader)) posts/s; ratios: scoring \(format(scoring / vader))×, "
            + "end to end \(format(endToEnd / vader))×")
    } else {
        print("sentiment: VADER not measured (python3 with vaderSentiment not found)")
    }
}

private struct BenchSentimentOptions {
    var devFolder: URL
    var passes = 3
    var predict: String?
    var dump: String?
    var only: String?

    init(_ arguments: [String]) {
        let source = URL(fileURLWithPath: #filePath)
        devFolder = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/bench/sentiment")
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "--dev": if let value { devFolder = URL(fileURLWithPath: value) }
            case "--passes": if let value, let number = Int(value) { passes = max(1, number) }
            case "--predict": predict = value
            case "--dump": dump = value
            case "--only": only = value
            default: index -= 1
            }
            index += 2
        }
    }
}

private struct DEVPost {
    var id: String
    var language: String
    var text: String
}

private func readDEV(_ folder: URL) throws -> [DEVPost] {
    var posts: [DEVPost] = []
    for name in ["dev-es.tsv", "dev-en.tsv"] {
        posts += try readTSV(folder.appendingPathComponent(name).path)
    }
    return posts
}

private func readTSV(_ path: String) throws -> [DEVPost] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
        let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        return fields.count == 4 ? DEVPost(id: String(fields[0]), language: String(fields[1]), text: String(fields[3])) : nil
    }
}

private func predict(_ path: String, scorer: SentimentScorer) throws {
    var out = "id\tlabel\tscore\tlang\n"
    for post in try readTSV(path) {
        let sentiment = scorer.score(post.text, languageHint: post.language)
        out += "\(post.id)\t\(sentiment.label.rawValue)\t\(sentiment.score)\t\(sentiment.language)\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
}

/// One line per post: scored alone (`score`), then read once with triage (`assess`); both must agree.
private func dump(_ path: String, scorer: SentimentScorer, triager: Triager) throws {
    var out = ""
    // `assess` runs with one scratch for all posts, `score` with none: "same" also checks the reused buffers.
    var scratch = ScoringScratch()
    for post in try readTSV(path) {
        let alone = scorer.score(post.text, languageHint: post.language)
        var text = post.text
        let (sentiment, triage) = text.withUTF8 {
            scorer.assess(utf8: $0, languageHint: post.language, triager: triager, scratch: &scratch)
        }
        let terms = sentiment.terms.map { "\($0.text)=\($0.weight)" }.joined(separator: "|")
        let data = triage.privateData.map { "\($0.kind)=\($0.redacted)" }.joined(separator: "|")
        out += "\(post.id)\t\(sentiment.label.rawValue)\t\(sentiment.score)\t\(sentiment.language)\t\(terms)"
            + "\t\(triage.categories.joined(separator: ","))\t\(triage.isQuestion)\t\(data)\t\(triage.legalThreat)"
            + "\t\(alone == sentiment ? "same" : "DIFFERENT")\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
}

/// Runs `ScoreCommand` over the posts as JSON Lines from a temp file into a temp file.
private func scoreCommandRate(_ posts: [DEVPost], scorer: SentimentScorer, triage: TriageRules) throws -> Double {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inputURL = folder.appendingPathComponent("in.jsonl")
    let outputURL = folder.appendingPathComponent("out.jsonl")
    var lines: [UInt8] = []
    for post in posts {
        let object = ["id": post.id, "text": post.text]
        lines += try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        lines.append(0x0A)
    }
    try Data(lines).write(to: inputURL)
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    let input = try FileHandle(forReadingFrom: inputURL)
    let output = try FileHandle(forWritingTo: outputURL)
    let errors = FileHandle.standardError
    let start = cpuNow()
    let count = try ScoreCommand.run(input: input, output: output, errors: errors, scorer: scorer, triager: triage)
    let elapsed = seconds(since: start)
    try input.close()
    try output.close()
    precondition(count == posts.count, "scored \(count) of \(posts.count)")
    return Double(count) / elapsed
}

/// VADER's scoring loop in Python over the same DEV posts, median of three passes (nil without vaderSentiment).
private func vaderRate(_ folder: URL) -> Double? {
    let script = """
    import sys, time
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    texts = []
    for name in ("dev-es.tsv", "dev-en.tsv"):
        with open(sys.argv[1] + "/" + name, encoding="utf-8") as f:
            next(f)
            texts += [line.rstrip("\\n").split("\\t", 3)[3] for line in f]
    sia = SentimentIntensityAnalyzer()
    rates = []
    for _ in range(3):
        start = time.process_time()
        for t in texts: sia.polarity_scores(t)
        rates.append(len(texts) / (time.process_time() - start))
    print(sorted(rates)[1])
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, folder.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

/// CPU time of the calling thread, in seconds.
private func cpuNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func seconds(since start: Double) -> Double { cpuNow() - start }

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

private func format(_ value: Double) -> String { String(format: "%.1f", value) }
