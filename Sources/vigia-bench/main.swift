import Foundation

// Release-build benchmarks: `swift run -c release vigia-bench <name> [options]`.
// Each benchmark lives in its own file; this table is the only place that lists them.
let benchmarks: [(name: String, summary: String, run: ([String]) throws -> Void)] = [
    ("decoding", "feed decoding MB/s and items/s over the DEV corpus (XML and JSON)", benchDecoding),
    ("sentiment", "rule load time, scoring posts/s, `vigia score` end-to-end posts/s over DEV", benchSentiment),
    ("crisis", "crisis detector buckets/s and replay time per 16k-row file", benchCrisis),
    ("crisis-loso", "crisis settings chosen leave-one-series-out on DEV (as is, thinned to 10% and 2%)",
     benchCrisisValidation),
    ("poll", "`vigia poll` over 1000 fixture feeds vs curl --parallel; repeat poll; peak RSS", benchPoll),
    ("history", "a simulated year of mentions polled and answered: poll time, peak RSS, journal and views per day",
     benchHistory),
    ("transport", "FeedFetcher vs curl --parallel on 1000 fixture feeds (plain and conditional)", benchTransport),
]

let arguments = Array(CommandLine.arguments.dropFirst())
let name = arguments.first ?? ""
if name == "all" {
    for bench in benchmarks where bench.name != "transport" && bench.name != "history" {
        print("== \(bench.name)")
        do { try bench.run([]) } catch { print("\(bench.name) failed: \(error)") }
    }
} else if let bench = benchmarks.first(where: { $0.name == name }) {
    do {
        try bench.run(Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("vigia-bench \(name): \(error)\n".utf8))
        exit(1)
    }
} else {
    print("usage: vigia-bench <benchmark> [options]")
    print("  all          every benchmark below except transport (poll covers it) and history (long)")
    for bench in benchmarks { print("  \(bench.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(bench.summary)") }
    exit(name.isEmpty ? 0 : 64)
}
